using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>Mirror of <c>struct llama_token_data</c>: one candidate token with its logit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaTokenData
{
    public int Id;
    public float Logit;
    public float P;
}
