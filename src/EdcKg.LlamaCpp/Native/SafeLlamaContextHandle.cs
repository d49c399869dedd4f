using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>
/// Owns a <c>llama_context*</c> and holds a reference on its model handle until it is released, because freeing a
/// model under a live context crashes the process.
/// </summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private readonly SafeLlamaModelHandle model;

    public SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model)
        : base(nint.Zero, ownsHandle: true)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        this.model = model;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_free(handle);
        model.DangerousRelease();
        return true;
    }
}
