using System.Diagnostics;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp;

/// <summary>
/// How fast a model evaluates prompt tokens on this machine: one <c>llama_decode</c> of a batch of N tokens in a fresh
/// context, as llama.cpp's <c>llama-bench</c> measures ppN. Evaluating tokens in large batches is the fastest a model
/// processes them, so this rate bounds any decoding of the same number of tokens.
/// </summary>
public static class PromptProcessingRate
{
    /// <summary>The best of <paramref name="repeats"/> timed decodes (after one warm-up), in tokens per second.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="tokens">Tokens in the batch (512 for pp512).</param>
    /// <param name="threads">CPU threads (null: one per core), as the decoding measured against it uses.</param>
    /// <param name="repeats">Timed decodes.</param>
    /// <param name="flashAttention">Flash attention as <see cref="LlamaChatClientOptions.FlashAttention"/> sets it.</param>
    /// <param name="keyCache">The KV cache's key type, as <see cref="LlamaChatClientOptions.KeyCache"/> sets it.</param>
    /// <exception cref="LlamaException">The context cannot be created or the decode fails.</exception>
    public static unsafe double Measure(LlamaModel model, int tokens = 512, int? threads = null, int repeats = 3, bool? flashAttention = false, KeyCacheType keyCache = KeyCacheType.Q8_0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var parameters = NativeMethods.llama_context_default_params();
        parameters.NCtx = (uint)tokens;
        parameters.NBatch = (uint)tokens;
        parameters.NUbatch = (uint)tokens;
        parameters.NSeqMax = 1;
        parameters.NThreads = threads ?? Environment.ProcessorCount;
        parameters.NThreadsBatch = parameters.NThreads;
        parameters.NoPerf = 1;
        parameters.FlashAttnType = flashAttention switch { null => -1, true => 1, false => 0 };
        parameters.TypeK = keyCache.GgmlType();
        var pointer = KeyCacheTypes.CreateContext(model, parameters);
        if (pointer == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create a context of {tokens} tokens for '{model.Path}'.");
        }

        using var context = new SafeLlamaContextHandle(pointer, model.Handle);
        var memory = NativeMethods.llama_get_memory(context);
        var batch = NativeMethods.llama_batch_init(tokens, 0, 1);
        try
        {
            // Tokens drawn over the vocabulary like llama-bench's; only the last one's logits are computed.
            var random = new Random(42);
            for (var i = 0; i < tokens; i++)
            {
                batch.Token[i] = random.Next(model.VocabularySize);
                batch.Pos[i] = i;
                batch.NSeqId[i] = 1;
                batch.SeqId[i][0] = 0;
                batch.Logits[i] = (sbyte)(i == tokens - 1 ? 1 : 0);
            }

            batch.NTokens = tokens;
            var best = double.MaxValue;
            for (var round = 0; round <= repeats; round++)
            {
                NativeMethods.llama_memory_clear(memory, true);
                var clock = Stopwatch.StartNew();
                var code = NativeMethods.llama_decode(context, batch);
                var seconds = clock.Elapsed.TotalSeconds;
                if (code != 0)
                {
                    throw new LlamaDecodeException(code);
                }

                if (round > 0)
                {
                    best = Math.Min(best, seconds);
                }
            }

            return tokens / best;
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }
}
