using System.Threading.Channels;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp;

/// <summary>
/// Decodes many requests together in one context: one <c>llama_decode</c> per step over every active sequence
/// (prompt chunks and one answer token each), each with its own sampler. A request that shares at least
/// <see cref="LlamaChatClientOptions.MinSharedPrefixTokens"/> prompt tokens with KV cells already evaluated (the cached
/// prefix in sequence 0, or the prompt of a sequence in flight) gets those cells (<c>llama_memory_seq_cp</c>, which in
/// the unified buffer tags cells rather than copying them) instead of evaluating them again; one that would share more
/// with a prompt still being evaluated waits for it. Sequence 0 holds the prefix shared last, so each shared cell is
/// counted once against the context, and it keeps a finished stage's instructions for its next requests.
/// Every row of a step attends over every cell in the buffer (llama.cpp masks the other sequences' cells but computes
/// them), so the buffer holds no cell longer than a row needs it: an answer whose grammar is complete ends without
/// decoding the forced end token, a prompt that fits whole into the next step is not split across two, and a cached
/// prefix is freed as soon as a request of a new stage that does not share it comes up while no other request does.
/// A finished prompt whose asker may follow up with one that opens the same way (<see cref="GenerationRequest.FollowUpLikely"/>)
/// keeps its cells, in a sequence of its own, for the next <see cref="FollowUpSteps"/> steps, until a request of another
/// stage comes up, or until its room is needed.
/// </summary>
internal sealed class BatchedGenerator : IDisposable
{
    private const int CacheSequence = 0;

    // Waiting requests looked at per step: enough to fill every free slot past a few deferred ones, few enough that a
    // queue of thousands costs nothing per step.
    private const int MaxScannedPerStep = 256;

    // Steps a finished prompt is kept for its follow-up: the asker reads the answer and sends the follow-up while the
    // next step decodes, so it is waiting by the one after.
    private const int FollowUpSteps = 2;

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
    private readonly List<KeptPrompt> kept = [];
    private readonly Stack<int> keptIds = new();
    private readonly Task loop;
    private readonly Lock statisticsGate = new();
    private LlamaBatch batch;
    private int[] cachedTokens = [];
    private bool deferredForPrefix;
    private long steps;
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
        // The cache sequence, one per request in flight, and as many again for prompts kept for a follow-up.
        parameters.NSeqMax = (uint)((2 * options.MaxParallelSequences) + 1);
        parameters.NThreads = options.Threads ?? Environment.ProcessorCount;
        parameters.NThreadsBatch = parameters.NThreads;
        // One KV buffer for all sequences: a copied prefix is then shared cells, not a copy of the data.
        parameters.KvUnified = 1;
        parameters.NoPerf = 1;
        parameters.FlashAttnType = options.FlashAttention switch { null => -1, true => 1, false => 0 };
        parameters.TypeK = options.KeyCache.GgmlType();
        if (options.ExactAttention)
        {
            const int ggmlTypeF32 = 0;
            parameters.TypeK = ggmlTypeF32;
            parameters.TypeV = ggmlTypeF32;
            parameters.FlashAttnType = 0;
        }

        var pointer = KeyCacheTypes.CreateContext(model, parameters);
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
            keptIds.Push(options.MaxParallelSequences + id);
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

    /// <summary>Tokens the cache sequence holds now; read on the decoding thread (from a logits observer) to see it mid-run.</summary>
    internal int CachedPrefixLength => cachedTokens.Length;

    /// <summary>Finished prompts kept for a follow-up now; read when the decoder is idle.</summary>
    internal int KeptForFollowUp => kept.Count;

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
        var deferred = new List<GenerationRequest>();
        try
        {
            AdmitWaiting(deferred);
            // Kept prompts whose follow-up had its time (it would have been admitted just now) go.
            foreach (var prompt in kept.Where(k => steps - k.Since >= FollowUpSteps).ToList())
            {
                Forget(prompt);
            }
        }
        finally
        {
            // Deferred requests keep their place ahead of those that came after them.
            if (deferred.Count > 0)
            {
                var rest = waiting.ToList();
                waiting.Clear();
                foreach (var request in deferred.Concat(rest))
                {
                    waiting.Enqueue(request);
                }
            }
        }
    }

    private void AdmitWaiting(List<GenerationRequest> deferred)
    {
        var scanned = 0;
        while (waiting.Count > 0 && freeIds.Count > 0 && scanned++ < MaxScannedPerStep)
        {
            var request = waiting.Dequeue();
            try
            {
                if (!TryAdmit(request, deferred))
                {
                    deferred.Add(request);
                    if (freeIds.Count > 0 && active.Count > 0 && !deferredForPrefix)
                    {
                        return; // no room: later requests would not fit either
                    }
                }
            }
            catch (Exception exception)
            {
                Fail(request, exception);
            }
        }
    }

    /// <summary>
    /// Admits <paramref name="request"/> (or completes it with its error); false when it must wait.
    /// <paramref name="deferred"/> holds the requests taken from the queue in this round that wait still.
    /// </summary>
    private bool TryAdmit(GenerationRequest request, List<GenerationRequest> deferred)
    {
        deferredForPrefix = false;
        if (request.CancellationToken.IsCancellationRequested)
        {
            Cancel(request);
            return true;
        }

        var prompt = request.PromptTokens;
        if (prompt.Length + request.MaxTokens > contextSize)
        {
            Fail(request, new LlamaException(
                $"The prompt ({prompt.Length} tokens) plus the answer limit ({request.MaxTokens} tokens) exceed the context size ({contextSize} tokens); raise the context size."));
            return true;
        }

        var (shared, source) = options.PrefixCaching ? SharedPrefix(prompt) : (0, null);
        if (cachedTokens.Length > 0 && !Shares(cachedTokens, prompt) && !CacheInUse(deferred))
        {
            // The cached prefix is another stage's: neither this request nor any in flight or waiting shares it, and
            // this one would replace it when it finishes (Retain). Freed now, its cells are not in the buffer that
            // every row evaluated meanwhile attends over (masked) for nothing.
            NativeMethods.llama_memory_seq_rm(memory, CacheSequence, -1, -1);
            SetCache([]);
        }

        foreach (var other in kept.Where(k => !Shares(k.Tokens, prompt) && !SharedByWaiting(k.Tokens, deferred)).ToList())
        {
            // A kept prompt of another stage: its follow-up will not come.
            Forget(other);
        }

        if (shared < 0)
        {
            // A sequence still evaluating its prompt will soon hold more of this one: wait for it rather than
            // evaluate the same tokens twice (the batch is full of its prompt meanwhile).
            deferredForPrefix = true;
            return false;
        }

        if (source is { } from)
        {
            // The shared part goes to the cache sequence, which then counts those cells once for everyone.
            NativeMethods.llama_memory_seq_rm(memory, CacheSequence, -1, -1);
            NativeMethods.llama_memory_seq_cp(memory, from, CacheSequence, 0, shared);
            SetCache(prompt[..shared]);
        }
        else if (shared > 0 && shared < cachedTokens.Length)
        {
            // Keep only what requests share (the instructions and examples), not one document's tail.
            NativeMethods.llama_memory_seq_rm(memory, CacheSequence, shared, -1);
            SetCache(cachedTokens[..shared]);
        }

        var need = prompt.Length - shared + request.MaxTokens;
        while (ReservedCells() + need > contextSize && kept.Count > 0)
        {
            // Prompts kept for a follow-up give way to a request that is here.
            Forget(kept[0]);
        }

        if (ReservedCells() + need > contextSize && shared == 0 && cachedTokens.Length > 0)
        {
            // The cached prefix is of no use to this request: free its cells before giving up on room.
            NativeMethods.llama_memory_seq_rm(memory, CacheSequence, -1, -1);
            SetCache([]);
        }

        if (active.Count > 0 && ReservedCells() + need > contextSize)
        {
            return false;
        }

        TokenSampler sampler;
        try
        {
            sampler = request.CreateSampler();
        }
        catch (Exception exception)
        {
            Fail(request, exception);
            return true;
        }

        var id = freeIds.Pop();
        if (shared > 0)
        {
            NativeMethods.llama_memory_seq_cp(memory, CacheSequence, id, 0, shared);
        }

        active.Add(new ActiveSequence(request, id, shared, sampler) { CachedPrefix = CommonPrefix(cachedTokens, prompt, prompt.Length) });
        return true;
    }

    /// <summary>
    /// The prompt tokens a new request can take from KV cells already evaluated, and the sequence they come from (an
    /// active one or a kept prompt; null: the cache sequence, or nothing shared); -1 when an active sequence still evaluating its prompt will
    /// soon cover at least <see cref="LlamaChatClientOptions.MinSharedPrefixTokens"/> more of it.
    /// </summary>
    private (int Shared, int? Source) SharedPrefix(int[] prompt)
    {
        // The last prompt token is always evaluated: its logits give the first answer token.
        var limit = prompt.Length - 1;
        var best = CommonPrefix(cachedTokens, prompt, limit);
        int? source = null;
        var pending = 0;
        foreach (var sequence in active)
        {
            var common = CommonPrefix(sequence.Request.PromptTokens, prompt, limit);
            var available = Math.Min(common, sequence.PromptCursor);
            if (Better(available, best))
            {
                (best, source) = (available, sequence.Id);
            }

            if (common > sequence.PromptCursor)
            {
                pending = Math.Max(pending, common);
            }
        }

        foreach (var finished in kept)
        {
            var available = CommonPrefix(finished.Tokens, prompt, limit);
            if (Better(available, best))
            {
                (best, source) = (available, finished.Id);
            }
        }

        if (pending >= best + options.MinSharedPrefixTokens)
        {
            return (-1, null);
        }

        return best >= options.MinSharedPrefixTokens ? (best, source) : (0, null);

        // The cache is preferred unless another sequence holds clearly more: replacing it for a few tokens would churn it.
        bool Better(int available, int than) =>
            available >= than + options.MinSharedPrefixTokens || (available > than && than < options.MinSharedPrefixTokens);
    }

    /// <summary>Whether two prompts open with at least <see cref="LlamaChatClientOptions.MinSharedPrefixTokens"/> tokens in common.</summary>
    private bool Shares(int[] a, int[] b) => CommonPrefix(a, b, Math.Min(a.Length, b.Length)) >= options.MinSharedPrefixTokens;

    /// <summary>Whether a waiting request, or one among <paramref name="deferred"/>, shares the start of <paramref name="prompt"/>.</summary>
    private bool SharedByWaiting(int[] prompt, List<GenerationRequest> deferred) =>
        waiting.Take(MaxScannedPerStep).Concat(deferred).Any(w => CommonPrefix(prompt, w.PromptTokens, w.PromptTokens.Length - 1) >= options.MinSharedPrefixTokens);

    /// <summary>Whether a request in flight, waiting, or among <paramref name="deferred"/> shares the cached prefix.</summary>
    private bool CacheInUse(List<GenerationRequest> deferred) =>
        active.Any(a => a.CachedPrefix >= options.MinSharedPrefixTokens)
        || SharedByWaiting(cachedTokens, deferred);

    private void SetCache(int[] tokens)
    {
        cachedTokens = tokens;
        foreach (var sequence in active)
        {
            sequence.CachedPrefix = CommonPrefix(cachedTokens, sequence.Request.PromptTokens, sequence.Request.PromptTokens.Length);
        }
    }

    /// <summary>
    /// KV cells held or still claimable: the cached prefix once, each sequence's prompt beyond it plus its answer, and
    /// each kept prompt beyond it.
    /// </summary>
    private int ReservedCells() =>
        cachedTokens.Length
        + active.Sum(a => a.Request.PromptTokens.Length - a.CachedPrefix + a.Request.MaxTokens)
        + kept.Sum(k => k.Tokens.Length - CommonPrefix(cachedTokens, k.Tokens, k.Tokens.Length));

    private static void Fail(GenerationRequest request, Exception error)
    {
        request.Completion.TrySetException(error);
        request.Pieces?.TryComplete(error);
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

        steps++;
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
            var remaining = prompt.Length - sequence.PromptCursor;
            if (promptTokens > 0 && remaining <= batchSize && count + remaining > batchSize)
            {
                // A prompt that fits whole into the next step waits for it rather than being split: every row of a step
                // attends over all the cells in the buffer, so a part evaluated early would be dead weight until then.
                continue;
            }

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
        var started = TimeProvider.System.GetTimestamp();
        var code = NativeMethods.llama_decode(context, batch);
        var decodeTime = TimeProvider.System.GetElapsedTime(started);
        if (code != 0)
        {
            throw new LlamaDecodeException(code);
        }

        var answering = active.Where(s => s.OutputIndex >= 0).ToList();
        var tokens = SampleAll(answering);
        var generated = 0;
        var completed = new List<(GenerationRequest Request, GenerationResult Result)>();
        try
        {
            for (var i = 0; i < answering.Count; i++)
            {
                var sequence = answering[i];
                var token = tokens[i];
                if (model.IsEndOfGeneration(token))
                {
                    sequence.EndOfGeneration();
                }
                else
                {
                    generated++;
                    sequence.Append(token, model.TokenBytes(token));
                    if (sequence.Finish is null && sequence.Request.EndsWhenComplete && sequence.Sampler.GrammarAllowsEnd())
                    {
                        // Nothing may follow a complete answer of this shape: the end the model would have to pick next
                        // is taken now, and the sequence's cells are freed before the next step attends over them.
                        sequence.EndOfGeneration();
                    }
                }

                if (sequence.Finish is not null)
                {
                    Retain(sequence);
                    Keep(sequence);
                    Release(sequence);
                    completed.Add((sequence.Request, sequence.Complete()));
                }
            }
        }
        finally
        {
            // The counters include this step before any of its answers is handed back, so that whoever awaits an answer
            // and then reads them sees the work that produced it.
            var answerStep = promptTokens == 0;
            lock (statisticsGate)
            {
                statistics = statistics with
                {
                    Requests = statistics.Requests + completed.Count,
                    PromptTokens = statistics.PromptTokens + completed.Sum(c => (long)c.Result.PromptTokens),
                    PromptTokensEvaluated = statistics.PromptTokensEvaluated + promptTokens,
                    GeneratedTokens = statistics.GeneratedTokens + generated,
                    Decodes = statistics.Decodes + 1,
                    AnswerSteps = statistics.AnswerSteps + (answerStep ? 1 : 0),
                    AnswerStepTokens = statistics.AnswerStepTokens + (answerStep ? count : 0),
                    AnswerStepTime = statistics.AnswerStepTime + (answerStep ? decodeTime : TimeSpan.Zero),
                    PromptDecodeTime = statistics.PromptDecodeTime + (answerStep ? TimeSpan.Zero : decodeTime),
                };
            }

            foreach (var (request, result) in completed)
            {
                request.Pieces?.TryComplete();
                request.Completion.TrySetResult(result);
            }
        }
    }

    /// <summary>
    /// The next token of each of <paramref name="sequences"/> from the last batch's logits. Grammar-constrained samplers
    /// can take milliseconds each (a pass over the vocabulary when the model's choice is refused), while the decoding
    /// threads wait: they then run side by side on those threads.
    /// </summary>
    private unsafe int[] SampleAll(List<ActiveSequence> sequences)
    {
        var tokens = new int[sequences.Count];
        var rows = new nint[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            // Read serially: llama_get_logits_ith may first reorder the output buffer.
            var row = NativeMethods.llama_get_logits_ith(context, sequences[i].OutputIndex);
            rows[i] = (nint)row;
            if (sequences[i].Request.LogitsObserver is { } observer)
            {
                observer(new ReadOnlySpan<float>(row, model.VocabularySize).ToArray());
            }
        }

        var threads = options.Threads ?? Environment.ProcessorCount;
        if (threads > 1 && sequences.Count(s => s.Sampler.Constrained) > 1)
        {
            try
            {
                Parallel.For(0, sequences.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => tokens[i] = sequences[i].Sampler.Sample((float*)rows[i]));
            }
            catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
            {
                // The same error as the serial path raises (a grammar that allows no token).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            for (var i = 0; i < sequences.Count; i++)
            {
                tokens[i] = sequences[i].Sampler.Sample((float*)rows[i]);
            }
        }

        return tokens;
    }

    private void Retain(ActiveSequence sequence)
    {
        // A finished prompt that shares nothing with the cache becomes the cache, so that the next request of its
        // stage (the next document, or the next window of a canonicalization) finds its instructions evaluated.
        // A waiting request that shares more of this prompt than the cache holds (a question about the same text
        // whose prompt waited for this one) keeps those cells through the cache instead of evaluating them again.
        var prompt = sequence.Request.PromptTokens;
        if (!options.PrefixCaching || prompt.Length < 2)
        {
            return;
        }

        var cached = CommonPrefix(cachedTokens, prompt, prompt.Length);
        var keep = cached < options.MinSharedPrefixTokens ? prompt.Length - 1 : 0;
        if (keep == 0)
        {
            var wanted = waiting.Take(MaxScannedPerStep).Select(w => CommonPrefix(w.PromptTokens, prompt, w.PromptTokens.Length - 1)).DefaultIfEmpty(0).Max();
            if (wanted < cached + options.MinSharedPrefixTokens)
            {
                return;
            }

            keep = wanted;
        }

        NativeMethods.llama_memory_seq_rm(memory, CacheSequence, -1, -1);
        NativeMethods.llama_memory_seq_cp(memory, sequence.Id, CacheSequence, 0, keep);
        SetCache(prompt[..keep]);
    }

    private void Keep(ActiveSequence sequence)
    {
        // A prompt whose asker may follow up with one that opens the same way keeps its cells (not its answer's) in a
        // sequence of its own, unless the cache now holds nearly all of it.
        var prompt = sequence.Request.PromptTokens;
        if (!sequence.Request.FollowUpLikely || !options.PrefixCaching
            || CommonPrefix(cachedTokens, prompt, prompt.Length) + options.MinSharedPrefixTokens > prompt.Length)
        {
            return;
        }

        if (keptIds.Count == 0)
        {
            Forget(kept[0]);
        }

        var id = keptIds.Pop();
        NativeMethods.llama_memory_seq_cp(memory, sequence.Id, id, 0, prompt.Length);
        kept.Add(new KeptPrompt(id, prompt, steps));
    }

    private void Forget(KeptPrompt prompt)
    {
        NativeMethods.llama_memory_seq_rm(memory, prompt.Id, -1, -1);
        kept.Remove(prompt);
        keptIds.Push(prompt.Id);
    }

    private void Release(ActiveSequence sequence)
    {
        // Frees this sequence's KV cells; cells it shares with the cached prefix or other sequences stay for them.
        NativeMethods.llama_memory_seq_rm(memory, sequence.Id, -1, -1);
        active.Remove(sequence);
        freeIds.Push(sequence.Id);
        sequence.Dispose();
    }

    private static void Cancel(GenerationRequest request)
    {
        request.Completion.TrySetCanceled(request.CancellationToken);
        request.Pieces?.TryComplete(new OperationCanceledException(request.CancellationToken));
    }

    private static int CommonPrefix(int[] a, int[] b, int limit) =>
        a.AsSpan(0, Math.Min(a.Length, limit)).CommonPrefixLength(b.AsSpan(0, Math.Min(b.Length, limit)));

    /// <summary>A finished prompt kept for a follow-up: its sequence id, its tokens, and the step it finished in.</summary>
    private sealed record KeptPrompt(int Id, int[] Tokens, long Since);
}
