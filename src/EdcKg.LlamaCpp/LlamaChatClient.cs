using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp.Grammars;
using EdcKg.LlamaCpp.Native;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>
/// An <see cref="IChatClient"/> over a local GGUF model. Concurrent calls are decoded together in one batch, a
/// prompt prefix they share is evaluated once, and each answer can be constrained by a grammar (from the stage's
/// <see cref="OutputShape"/> or a JSON schema response format). Greedy decoding unless a temperature is set.
/// Safe for concurrent use.
/// </summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly LlamaModel model;
    private readonly bool ownsModel;
    private readonly LlamaChatClientOptions options;
    private readonly BatchedGenerator generator;
    private readonly ChatClientMetadata metadata;

    /// <summary>Creates a client over an already loaded <paramref name="model"/> (which the caller keeps owning).</summary>
    public LlamaChatClient(LlamaModel model, LlamaChatClientOptions? options = null)
        : this(model, options ?? new LlamaChatClientOptions(), ownsModel: false)
    {
    }

    private LlamaChatClient(LlamaModel model, LlamaChatClientOptions options, bool ownsModel)
    {
        this.model = model;
        this.options = options;
        this.ownsModel = ownsModel;
        generator = new BatchedGenerator(model, options);
        metadata = new ChatClientMetadata("llama.cpp", new Uri(model.Path), Path.GetFileName(model.Path));
    }

    /// <summary>Work done so far: prompt tokens evaluated versus reused, tokens generated, decode calls.</summary>
    public GenerationStatistics Statistics => generator.Statistics;

    /// <summary>Loads the GGUF at <paramref name="path"/> and creates a client that owns it.</summary>
    public static LlamaChatClient Open(string path, LlamaChatClientOptions? options = null)
    {
        options ??= new LlamaChatClientOptions();
        var model = LlamaModel.Load(path, new LlamaModelOptions { GpuLayers = options.GpuLayers });
        try
        {
            return new LlamaChatClient(model, options, ownsModel: true);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options, pieces: null, cancellationToken);
        var result = await generator.Enqueue(request).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            FinishReason = result.FinishReason,
            ModelId = metadata.DefaultModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            Usage = Usage(result),
        };
    }

    /// <summary>Prompt tokens whose KV cells the cache sequence holds now (see <see cref="BatchedGenerator.CachedPrefixLength"/>).</summary>
    internal int CachedPrefixLength => generator.CachedPrefixLength;

    /// <summary>Finished prompts kept for a follow-up now (see <see cref="BatchedGenerator.KeptForFollowUp"/>).</summary>
    internal int KeptForFollowUp => generator.KeptForFollowUp;

    /// <summary>Answers like <see cref="GetResponseAsync"/> and hands <paramref name="observer"/> the logits of every answer token.</summary>
    internal async Task<ChatResponse> GetResponseWithLogitsAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Action<float[]> observer, CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options, pieces: null, cancellationToken);
        var result = await generator.Enqueue(new GenerationRequest
        {
            PromptTokens = request.PromptTokens,
            CreateSampler = request.CreateSampler,
            MaxTokens = request.MaxTokens,
            StopSequences = request.StopSequences,
            CancellationToken = request.CancellationToken,
            EndsWhenComplete = request.EndsWhenComplete,
            FollowUpLikely = request.FollowUpLikely,
            LogitsObserver = observer,
        }).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text)) { FinishReason = result.FinishReason, Usage = Usage(result) };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });
        var request = CreateRequest(messages, options, pieces.Writer, cancellationToken);
        var completion = generator.Enqueue(request);
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var piece in pieces.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = responseId, ModelId = metadata.DefaultModelId };
        }

        var result = await completion.ConfigureAwait(false);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = responseId,
            ModelId = metadata.DefaultModelId,
            FinishReason = result.FinishReason,
            Contents = [new UsageContent(Usage(result))],
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(LlamaModel) ? model
        : serviceType == typeof(Core.Chunking.ITokenCounter) ? new LlamaTokenCounter(this, model, generator.ContextSize)
        : null;

    /// <summary>Refuses new requests, lets those already queued finish, then frees the context (and the model when the client loaded it).</summary>
    public void Dispose()
    {
        generator.Dispose();
        if (ownsModel)
        {
            model.Dispose();
        }
    }

    /// <summary>The grammar that constrains an answer for <paramref name="chatOptions"/>, or null when it is free text.</summary>
    internal string? GrammarFor(ChatOptions? chatOptions)
    {
        if (OutputShapeOf(chatOptions) is { } outputShape)
        {
            return OutputShapeGrammar.For(outputShape, options.GrammarLimits);
        }

        return chatOptions?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } => JsonSchemaGrammar.For(schema),
            ChatResponseFormatJson => JsonSchemaGrammar.AnyJson(),
            _ => null,
        };
    }

    private static OutputShape? OutputShapeOf(ChatOptions? chatOptions) =>
        chatOptions?.AdditionalProperties?.TryGetValue(ChatOptionKeys.OutputShape, out var shape) == true ? shape as OutputShape : null;

    /// <summary>The exact text fed to the model: the chat template with its generation prompt, then the answer prefix.</summary>
    internal string PromptFor(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions)
    {
        var turns = messages.Select(m => (m.Role.Value, m.Text)).ToList();
        if (turns.Count == 0)
        {
            throw new ArgumentException("At least one message is needed.", nameof(messages));
        }

        var prompt = model.ApplyChatTemplate(turns);
        if (chatOptions?.AdditionalProperties?.TryGetValue(ChatOptionKeys.AnswerPrefix, out var prefix) == true && prefix is string answerPrefix)
        {
            prompt += answerPrefix;
        }

        return prompt;
    }

    private GenerationRequest CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, ChannelWriter<string>? pieces, CancellationToken cancellationToken)
    {
        var prompt = model.Tokenize(PromptFor(messages, chatOptions), addBos: model.AddBos, parseSpecial: true);
        var grammar = GrammarFor(chatOptions);
        var maxTokens = chatOptions?.MaxOutputTokens ?? options.DefaultMaxOutputTokens;
        if (maxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chatOptions), $"MaxOutputTokens must be at least 1 (was {maxTokens}).");
        }

        // Build one sampler now so a grammar that does not parse fails this call, not the decode loop.
        new SamplerRecipe(model, grammar, chatOptions).Create().Dispose();
        return new GenerationRequest
        {
            PromptTokens = prompt,
            CreateSampler = new SamplerRecipe(model, grammar, chatOptions).Create,
            MaxTokens = maxTokens,
            StopSequences = chatOptions?.StopSequences?.Where(s => s.Length > 0).ToList() ?? [],
            CancellationToken = cancellationToken,
            Pieces = pieces,
            EndsWhenComplete = OutputShapeOf(chatOptions) is { } shape && OutputShapeGrammar.EndsWhenComplete(shape),
            FollowUpLikely = chatOptions?.AdditionalProperties?.TryGetValue(ChatOptionKeys.FollowUp, out var followUp) == true && followUp is true,
        };
    }

    private static UsageDetails Usage(GenerationResult result) => new()
    {
        InputTokenCount = result.PromptTokens,
        OutputTokenCount = result.Tokens.Count,
        TotalTokenCount = result.PromptTokens + result.Tokens.Count,
        CachedInputTokenCount = result.PromptTokens - result.PromptTokensEvaluated,
    };
}
