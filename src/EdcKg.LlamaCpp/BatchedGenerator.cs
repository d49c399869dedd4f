using System.Threading.Channels;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp;

/// <summary>
/// Decodes many requests together in one context: one <c>llama_decode</c> per step over every active sequence
/// (prompt chunks and one answer token each), each with its own sampler. Sequence 0 holds a cached prompt prefix;
/// a request that shares at least <see cref="LlamaChatClientOptions.MinSharedPrefixTokens"/> tokens with it gets
/// those KV cells copied (<c>llama_memory_seq_cp</c>) instead of evaluating them again.
/// </summary>
internal sealed class BatchedGenerator : IDisposable
{
    private const int CacheSequence = 0;

    private readonly LlamaModel model;
    private readonly LlamaChatClientOptions options;
    private readonly SafeLlamaContextHandle context;
    private readonly nint memory;
    private readonly int contextSize;
    private readonly int batchSize;
    private readonly Channel<GenerationRequest> incoming = Channel.CreateUnbounded<GenerationRequest>(new() { SingleReader = true });
    private readonly Queue<GenerationRequest> waiting = new();
    private readonly List<ActiveSequence> active = [];
    private readonly Stack<int> freeIds = new();
    private readonly Task loop;
    private readonly Lock statisticsGate = new();
    private LlamaBatch batch;
    private List<int> cachedTokens = [];
    private int cacheEvaluated;
    private GenerationStatistics statistics = new(0, 0, 0, 0, 0);

    public BatchedGenerator(LlamaModel model, LlamaChatClientOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelSequences, 1);
        this.model = model;
        this.options = options;
        var parameters = NativeMethods.llama_context_default_params();
        parameters.NCtx = (uint)options.ContextSize;
        parameters.NBatch = (uint)options.BatchSize;
        parameters.NUbatch = (uint)options.BatchSize;
        parameters.NSeqMax = (uint)(options.MaxParallelSequences + 1);
        parameters.NThreads = options.Threads ?? Environment.ProcessorCount;
        parameters.NThreadsBatch = parameters.NThreads;
        // One KV buffer for all sequences: a copied prefix is then shared cells, not a copy of the data.
        parameters.KvUnified = 1;
        parameters.NoPerf = 1;
        parameters.FlashAttnType = options.FlashAttention switch { null => -1, true => 1, false => 0 };
        if (options.ExactAttention)
        {
            const int ggmlTypeF32 = 0;
            parameters.TypeK = ggmlTypeF32;
            parameters.TypeV = ggmlTypeF32;
            parameters.FlashAttnType = 0;
        }
        var pointer = NativeMethods.llama_init_from_model(model.Handle, parameters);
        if (pointer == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create a context of {options.ContextSize} tokens for '{model.Path}'.");
        }

        context = new SafeLlamaContextHandle(pointer, model.Handle);
        memory = NativeMethods.llama_get_memory(context);
        contextSize = (int)NativeMethods.llama_n_ctx(context);
        batchSize = (int)NativeMethods.llama_n_batch(context);
        batch = NativeMethods.llama_batch_init(batchSize, 0, 1);
        for (var id = options.MaxParallelSequences; id >= 1; id--)
        {
            freeIds.Push(id);
        }

        loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public GenerationStatistics Statistics
    {
        get
        {
            lock (statisticsGate)
            {
                return statistics;
            }
        }
    }

    public int ContextSize => contextSize;

    public Task<GenerationResult> Enqueue(GenerationRequest request)
    {
        if (!incoming.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(BatchedGenerator));
        }

        return request.Completion.Task;
    }

    public void Dispose()
    {
        incoming.Writer.TryComplete();
        loop.Wait();
        context.Dispose();
        NativeMethods.llama_batch_free(batch);
        batch = default;
    }

    private void Run()
    {
        while (true)
        {
            if (active.Count == 0 && waiting.Count == 0)
            {
                if (!incoming.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }
            }

            while (incoming.Reader.TryRead(out var request))
            {
                waiting.Enqueue(request);
            }

            try
            {
                Admit();
                Step();
            }
            catch (Exception exception)
            {
                // A failure of the native step (a decode error) fails the requests in flight, not the loop.
                foreach (var sequence in active.ToList())
                {
                    Release(sequence);
                    sequence.Request.Completion.TrySetException(exception);
                    sequence.Request.Pieces?.TryComplete(exception);
                }
            }
        }
    }

    private void Admit()
    {
        while (waiting.Count > 0 && freeIds.Count > 0)
        {
            var request = waiting.Peek();
            if (request.CancellationToken.IsCancellationRequested)
            {
                waiting.Dequeue();
                Cancel(request);
                continue;
            }

            var prompt = request.PromptTokens;
            if (prompt.Length + request.MaxTokens > contextSize)
            {
                waiting.Dequeue();
                var error = new LlamaException(
                    $"The prompt ({prompt.Length} tokens) plus the answer limit ({request.MaxTokens} tokens) exceed the context size ({contextSize} tokens); raise the context size.");
                request.Completion.TrySetException(error);
                request.Pieces?.TryComplete(error);
                continue;
            }

            var shared = 0;
            var fillsCache = false;
            if (options.PrefixCaching)
            {
                var common = CommonPrefix(cachedTokens, prompt);
                var cacheComplete = cacheEvaluated == cachedTokens.Count;
                if (common >= options.MinSharedPrefixTokens)
                {
                    if (!cacheComplete)
                    {
                        return; // the cache is still being filled by an earlier request of this stage: wait for it
                    }

                    shared = common;
                    if (common < cachedTokens.Count && !active.Any(a => a.FillsCache))
                    {
                        // Keep only what requests share (the instructions and examples), not one document's tail.
                        NativeMethods.llama_memory_seq_rm(memory, CacheSequence, common, -1);
                        cachedTokens = cachedTokens[..common];
                        cacheEvaluated = common;
                    }
                }
                else if (cacheComplete && !active.Any(a => a.SharedPrefix > 0 || a.FillsCache))
                {
                    NativeMethods.llama_memory_seq_rm(memory, CacheSequence, -1, -1);
                    cachedTokens = prompt[..^1].ToList();
                    cacheEvaluated = 0;
                    fillsCache = cachedTokens.Count > 0;
                }
            }

            var reserved = cachedTokens.Count + active.Sum(a => a.ReservedCells);
            var need = prompt.Length - shared + request.MaxTokens;
            if (active.Count > 0 && reserved + need > contextSize)
            {
                if (fillsCache)
                {
                    cachedTokens = [];
                    cacheEvaluated = 0;
                }

                return;
            }

            waiting.Dequeue();
            Native.SafeLlamaSamplerHandle sampler;
            try
            {
                sampler = request.CreateSampler();
            }
            catch (Exception exception)
            {
                if (fillsCache)
                {
                    cachedTokens = [];
                }

                request.Completion.TrySetException(exception);
                request.Pieces?.TryComplete(exception);
                continue;
            }

            var id = freeIds.Pop();
            var sequence = new ActiveSequence(request, id, shared, fillsCache, sampler);
            if (shared > 0)
            {
                NativeMethods.llama_memory_seq_cp(memory, CacheSequence, id, 0, shared);
            }

            active.Add(sequence);
        }
    }

    private unsafe void Step()
    {
        foreach (var sequence in active.Where(s => s.Request.CancellationToken.IsCancellationRequested).ToList())
        {
            Release(sequence);
            Cancel(sequence.Request);
        }

        if (active.Count == 0)
        {
            return;
        }

        var count = 0;
        void Add(int token, int position, int sequenceId, bool wantLogits)
        {
            batch.Token[count] = token;
            batch.Pos[count] = position;
            batch.SeqId[count][0] = sequenceId;
            batch.NSeqId[count] = 1;

            batch.Logits[count] = (sbyte)(wantLogits ? 1 : 0);
            count++;
        }

        // Answer tokens first (one per sequence), then prompt chunks fill the rest of the batch.
        foreach (var sequence in active)
        {
            sequence.OutputIndex = -1;
            if (!sequence.Prefilling && count < batchSize)
            {
                sequence.OutputIndex = count;
                Add(sequence.LastToken, sequence.Position++, sequence.Id, true);
            }
        }

        var promptTokens = 0;
        foreach (var sequence in active.Where(s => s.Prefilling))
        {
            var prompt = sequence.Request.PromptTokens;
            while (sequence.Prefilling && count < batchSize)
            {
                var at = sequence.PromptCursor++;
                var last = at == prompt.Length - 1;
                if (last)
                {
                    sequence.OutputIndex = count;
                }

                Add(prompt[at], at, sequence.Id, last);
                sequence.Position = at + 1;
                promptTokens++;
            }
        }

        batch.NTokens = count;
        var code = NativeMethods.llama_decode(context, batch);
        if (code != 0)
        {
            throw new LlamaDecodeException(code);
        }

        foreach (var sequence in active.Where(s => s.FillsCache && !s.Prefilling && cacheEvaluated < cachedTokens.Count))
        {
            // The prompt was evaluated in its own sequence only; once it is all in, its cells (all but the last
            // token) are shared with the cache sequence, which in the unified buffer copies no data.
            NativeMethods.llama_memory_seq_cp(memory, sequence.Id, CacheSequence, 0, cachedTokens.Count);
            cacheEvaluated = cachedTokens.Count;
        }

        var generated = 0;
        foreach (var sequence in active.ToList())
        {
            if (sequence.OutputIndex < 0)
            {
                continue;
            }

            if (sequence.Request.LogitsObserver is { } observer)
            {
                var logits = NativeMethods.llama_get_logits_ith(context, sequence.OutputIndex);
                observer(new ReadOnlySpan<float>(logits, model.VocabularySize).ToArray());
            }

            var token = NativeMethods.llama_sampler_sample(sequence.Sampler, context, sequence.OutputIndex);
            if (model.IsEndOfGeneration(token))
            {
                sequence.EndOfGeneration();
            }
            else
            {
                generated++;
                sequence.Append(token, model.TokenBytes(token));
            }

            if (sequence.Finish is not null)
            {
                Release(sequence);
                var result = sequence.Complete();
                sequence.Request.Pieces?.TryComplete();
                sequence.Request.Completion.TrySetResult(result);
                lock (statisticsGate)
                {
                    statistics = statistics with
                    {
                        Requests = statistics.Requests + 1,
                        PromptTokens = statistics.PromptTokens + result.PromptTokens,
                    };
                }
            }
        }

        lock (statisticsGate)
        {
            statistics = statistics with
            {
                PromptTokensEvaluated = statistics.PromptTokensEvaluated + promptTokens,
                GeneratedTokens = statistics.GeneratedTokens + generated,
                Decodes = statistics.Decodes + 1,
            };
        }
    }

    private void Release(ActiveSequence sequence)
    {
        // Frees this sequence's KV cells; cells it shares with the cached prefix stay for the cache.
        NativeMethods.llama_memory_seq_rm(memory, sequence.Id, -1, -1);
        if (sequence.FillsCache && sequence.Prefilling)
        {
            // The cache was to be filled from this sequence's prompt, which will now never be complete.
            cachedTokens = [];
            cacheEvaluated = 0;
        }

        active.Remove(sequence);
        freeIds.Push(sequence.Id);
        sequence.Dispose();
    }

    private static void Cancel(GenerationRequest request)
    {
        request.Completion.TrySetCanceled(request.CancellationToken);
        request.Pieces?.TryComplete(new OperationCanceledException(request.CancellationToken));
    }

    private static int CommonPrefix(List<int> cached, int[] prompt)
    {
        // The last prompt token is always evaluated: its logits give the first answer token.
        var limit = Math.Min(cached.Count, prompt.Length - 1);
        var i = 0;
        while (i < limit && cached[i] == prompt[i])
        {
            i++;
        }

        return i;
    }
}
