using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>One prompt waiting for, or being decoded by, the <see cref="BatchedGenerator"/>.</summary>
internal sealed class GenerationRequest
{
    public required int[] PromptTokens { get; init; }

    public required Func<TokenSampler> CreateSampler { get; init; }

    public required int MaxTokens { get; init; }

    public required IReadOnlyList<string> StopSequences { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The answer ends as soon as its grammar allows the end (<see cref="Grammars.OutputShapeGrammar.EndsWhenComplete"/>):
    /// then nothing else can follow, so the end token the model would be made to pick is not decoded, and the
    /// sequence's KV cells are freed a step earlier.
    /// </summary>
    public bool EndsWhenComplete { get; init; }

    /// <summary>
    /// The asker may follow up with a prompt that opens the same way (<see cref="Core.Prompts.ChatOptionKeys.FollowUp"/>):
    /// when the answer is done, the prompt's KV cells stay for a few steps, for a request that shares more of them than
    /// the cached prefix holds.
    /// </summary>
    public bool FollowUpLikely { get; init; }

    /// <summary>Text pieces as they are decoded (streaming); completed when the answer ends.</summary>
    public ChannelWriter<string>? Pieces { get; init; }

    /// <summary>Receives a copy of the logits each answer token is sampled from (used to compare decoding paths).</summary>
    public Action<float[]>? LogitsObserver { get; init; }

    public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
