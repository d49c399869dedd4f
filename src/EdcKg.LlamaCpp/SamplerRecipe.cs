using EdcKg.LlamaCpp.Native;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>Builds the sampler of one request: greedy or a temperature chain, and the grammar that constrains the answer.</summary>
internal sealed class SamplerRecipe(LlamaModel model, string? grammar, ChatOptions? options)
{
    public TokenSampler Create()
    {
        SafeLlamaSamplerHandle? chain = null;
        SafeLlamaSamplerHandle? constraint = null;
        try
        {
            if (grammar is not null)
            {
                constraint = Handle(NativeMethods.llama_sampler_init_grammar(model.Vocab, grammar, "root"), $"the grammar does not parse:\n{grammar}");
            }

            var temperature = options?.Temperature ?? 0f;
            if (temperature > 0f)
            {
                chain = Handle(NativeMethods.llama_sampler_chain_init(NativeMethods.llama_sampler_chain_default_params()), "sampler chain");
                Add(chain, NativeMethods.llama_sampler_init_top_k(options?.TopK ?? 40), "top-k sampler");
                Add(chain, NativeMethods.llama_sampler_init_top_p(options?.TopP ?? 0.95f, 1), "top-p sampler");
                Add(chain, NativeMethods.llama_sampler_init_temp(temperature), "temperature sampler");
                Add(chain, NativeMethods.llama_sampler_init_dist(options?.Seed is { } seed ? (uint)seed : 0xFFFFFFFFu), "random sampler");
            }

            // Without a temperature, decoding is greedy: an arg-max over the logits, no native sampler needed.
            return new TokenSampler(chain, constraint, model.VocabularySize, model.EndOfSequenceToken);
        }
        catch
        {
            chain?.Dispose();
            constraint?.Dispose();
            throw;
        }
    }

    private static SafeLlamaSamplerHandle Handle(nint sampler, string what) =>
        sampler == nint.Zero ? throw new LlamaException($"llama.cpp could not create the sampler: {what}") : new SafeLlamaSamplerHandle(sampler);

    private static void Add(SafeLlamaSamplerHandle chain, nint sampler, string what)
    {
        if (sampler == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create the sampler: {what}");
        }

        NativeMethods.llama_sampler_chain_add(chain, sampler);
    }
}
