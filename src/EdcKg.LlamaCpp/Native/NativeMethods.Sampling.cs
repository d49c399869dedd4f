using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>llama.h: sampler chains, greedy and random samplers, grammars.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Llama)]
    public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    /// <summary>Takes ownership of <paramref name="sampler"/>.</summary>
    [LibraryImport(Llama)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, nint sampler);

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_init_greedy();

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_init_dist(uint seed);

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_init_temp(float temperature);

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_init_top_k(int k);

    [LibraryImport(Llama)]
    public static partial nint llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_sampler_init_grammar(nint vocab, string grammar, string root);

    [LibraryImport(Llama)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int index);

    [LibraryImport(Llama)]
    public static unsafe partial void llama_sampler_apply(SafeLlamaSamplerHandle sampler, LlamaTokenDataArray* candidates);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_accept(SafeLlamaSamplerHandle sampler, int token);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_free(nint sampler);
}
