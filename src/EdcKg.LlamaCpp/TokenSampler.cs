using System.Numerics.Tensors;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp;

/// <summary>
/// Picks one sequence's next token from its logits: greedy (arg-max) or a temperature chain, constrained by an
/// optional grammar. The grammar is asked first about the token the model prefers, and only when it refuses that
/// token is it applied to the whole vocabulary (as llama.cpp's own common sampler does): the result is the same as
/// applying it first, but a check of one candidate costs microseconds where a pass over 32,000 costs milliseconds.
/// Greedy decoding asks about the <see cref="GreedyCandidates"/> best tokens in order before that pass: the first
/// the grammar allows is the arg-max over the allowed ones, which is what the pass would find.
/// Samplers of different sequences may run on different threads at once.
/// </summary>
internal sealed unsafe class TokenSampler(SafeLlamaSamplerHandle? chain, SafeLlamaSamplerHandle? grammar, int vocabularySize, int endToken = -1) : IDisposable
{
    /// <summary>Best tokens a greedy, constrained sampler checks one by one before it applies the grammar to the vocabulary.</summary>
    internal const int GreedyCandidates = 32;

    private LlamaTokenData[]? candidates;

    /// <summary>Whether a grammar constrains the answer.</summary>
    public bool Constrained => grammar is not null;

    /// <summary>Samples from one row of logits (<see cref="NativeMethods.llama_get_logits_ith"/>) and advances the grammar.</summary>
    public int Sample(float* row)
    {
        var logits = new ReadOnlySpan<float>(row, vocabularySize);
        var token = Pick(logits, applyGrammar: false);
        if (grammar is not null)
        {
            if (!Allowed(token, logits[token]))
            {
                token = chain is null ? BestAllowedCandidate(logits) : -1;
                if (token < 0)
                {
                    token = Pick(logits, applyGrammar: true);
                }
            }

            NativeMethods.llama_sampler_accept(grammar, token);
        }

        if (chain is not null)
        {
            NativeMethods.llama_sampler_accept(chain, token);
        }

        return token;
    }

    /// <summary>
    /// Whether the grammar, after the tokens accepted so far, allows the end of generation (checked with the
    /// end-of-sequence token; false without a grammar or without such a token).
    /// </summary>
    public bool GrammarAllowsEnd() => grammar is not null && endToken >= 0 && Allowed(endToken, 0f);

    public void Dispose()
    {
        chain?.Dispose();
        grammar?.Dispose();
    }

    private int Pick(ReadOnlySpan<float> logits, bool applyGrammar)
    {
        if (chain is null && !applyGrammar)
        {
            // Greedy: llama.cpp's greedy sampler takes the first of equal maxima too.
            return TensorPrimitives.IndexOfMax(logits);
        }

        candidates ??= new LlamaTokenData[vocabularySize];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new LlamaTokenData { Id = i, Logit = logits[i] };
        }

        fixed (LlamaTokenData* data = candidates)
        {
            var array = new LlamaTokenDataArray { Data = data, Size = (nuint)candidates.Length, Selected = -1 };
            if (applyGrammar)
            {
                NativeMethods.llama_sampler_apply(grammar!, &array);
            }

            if (chain is not null)
            {
                NativeMethods.llama_sampler_apply(chain, &array);
                return array.Data[array.Selected].Id;
            }

            // Greedy over what the grammar left.
            var best = -1;
            for (var i = 0; i < (int)array.Size; i++)
            {
                if (!float.IsNegativeInfinity(array.Data[i].Logit) && (best < 0 || array.Data[i].Logit > array.Data[best].Logit))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                throw new LlamaException("The grammar allows no token here: its rules cannot be completed.");
            }

            return array.Data[best].Id;
        }
    }

    /// <summary>The best of the <see cref="GreedyCandidates"/> highest-scoring tokens the grammar allows, or -1 if it allows none of them.</summary>
    private int BestAllowedCandidate(ReadOnlySpan<float> logits)
    {
        Span<int> ids = stackalloc int[GreedyCandidates];
        Span<float> scores = stackalloc float[GreedyCandidates];
        var count = 0;
        for (var id = 0; id < logits.Length; id++)
        {
            var score = logits[id];
            if (count == GreedyCandidates && !(score > scores[count - 1]))
            {
                continue;
            }

            // Insert in descending order; on equal scores the lower id stays first, as in the arg-max.
            var at = count < GreedyCandidates ? count++ : count - 1;
            while (at > 0 && score > scores[at - 1])
            {
                ids[at] = ids[at - 1];
                scores[at] = scores[at - 1];
                at--;
            }

            ids[at] = id;
            scores[at] = score;
        }

        for (var i = 0; i < count; i++)
        {
            if (!float.IsNegativeInfinity(scores[i]) && Allowed(ids[i], scores[i]))
            {
                return ids[i];
            }
        }

        return -1;
    }

    private bool Allowed(int token, float logit)
    {
        var single = new LlamaTokenData { Id = token, Logit = logit };
        var array = new LlamaTokenDataArray { Data = &single, Size = 1, Selected = -1 };
        NativeMethods.llama_sampler_apply(grammar!, &array);
        return !float.IsNegativeInfinity(array.Data[0].Logit);
    }
}
