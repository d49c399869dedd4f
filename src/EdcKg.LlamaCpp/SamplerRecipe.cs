using EdcKg.LlamaCpp.Native;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>Builds the sampler chain of one request: the grammar first, then greedy or temperature sampling.</summary>
internal sealed class SamplerRecipe(LlamaModel model, string? grammar, ChatOptions? options)
{
    public SafeLlamaSamplerHandle Create()
    {
        var chain = NativeMethods.llama_sampler_chain_init(NativeMethods.llama_sampler_chain_default_params());
        if (chain == nint.Zero)
        {
            throw new LlamaException("llama.cpp could not create a sampler chain.");
        }

        var handle = new SafeLlamaSamplerHandle(chain);
        try
        {
            if (grammar is not null)
            {
                Add(handle, NativeMethods.llama_sampler_init_grammar(model.Vocab, grammar, "root"), $"the grammar does not parse:\n{grammar}");
            }

            var temperature = options?.Temperature ?? 0f;
            if (temperature <= 0f)
            {
                Add(handle, NativeMethods.llama_sampler_init_greedy(), "greedy sampler");
            }
            else
            {
                Add(handle, NativeMethods.llama_sampler_init_top_k(options?.TopK ?? 40), "top-k sampler");
                Add(handle, NativeMethods.llama_sampler_init_top_p(options?.TopP ?? 0.95f, 1), "top-p sampler");
                Add(handle, NativeMethods.llama_sampler_init_temp(temperature), "temperature sampler");
                Add(handle, NativeMethods.llama_sampler_init_dist(options?.Seed is { } seed ? (uint)seed : 0xFFFFFFFFu), "random sampler");
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Add(SafeLlamaSamplerHandle chain, nint sampler, string what)
    {
        if (sampler == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create the sampler: {what}");
        }

        NativeMethods.llama_sampler_chain_add(chain, sampler);
    }
}
