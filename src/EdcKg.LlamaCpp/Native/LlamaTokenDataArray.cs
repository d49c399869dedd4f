using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>Mirror of <c>struct llama_token_data_array</c>; samplers may replace <see cref="Data"/> and shrink <see cref="Size"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaTokenDataArray
{
    public LlamaTokenData* Data;
    public nuint Size;
    public long Selected;
    public byte Sorted;
}
