using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>Owns a <c>llama_model*</c>. Contexts add a reference to it, so the model outlives them in any disposal order.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public SafeLlamaModelHandle(nint handle)
        : base(nint.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_model_free(handle);
        return true;
    }
}
