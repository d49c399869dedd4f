using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>Mirror of <c>struct llama_chat_message</c>: two UTF-8 C strings owned by the caller.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaChatMessage
{
    public nint Role;
    public nint Content;
}
