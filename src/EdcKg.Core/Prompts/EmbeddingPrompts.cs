using Microsoft.Extensions.AI;

namespace EdcKg.Core.Prompts;

/// <summary>
/// What an embedding model wants put before a text, by the role the stage gives it (<see cref="EmbeddingOptionKeys"/>):
/// a passage prefix (e5: <c>"passage: "</c>), a query prefix (e5: <c>"query: "</c>, bge:
/// <c>"Represent this sentence for searching relevant passages: "</c>), and for instruction-tuned models a query
/// prompt with an <c>{instruction}</c> slot (e5-mistral: <c>"Instruct: {instruction}\nQuery: "</c>), used when the stage
/// gives a task instruction, as EDC's schema retriever does. Null parts mean "nothing" (or the model's own default,
/// where an embedder has one).
/// </summary>
/// <param name="QueryPrefix">Put before queries that come without an instruction (or when there is no instruction prompt).</param>
/// <param name="PassagePrefix">Put before passages, the role of texts that come without one.</param>
/// <param name="InstructionPrompt">Put before queries that come with an instruction, its <c>{instruction}</c> replaced.</param>
public sealed record EmbeddingPrompts(string? QueryPrefix = null, string? PassagePrefix = null, string? InstructionPrompt = null)
{
    /// <summary>The placeholder of the instruction in <see cref="InstructionPrompt"/>.</summary>
    public const string InstructionSlot = "{instruction}";

    /// <summary>No prompts: texts are embedded as they are.</summary>
    public static EmbeddingPrompts None { get; } = new();

    /// <summary>Whether no part is set.</summary>
    public bool IsEmpty => QueryPrefix is null && PassagePrefix is null && InstructionPrompt is null;

    /// <summary>The text put before each input for the role and instruction <paramref name="options"/> ask for.</summary>
    public string PrefixFor(EmbeddingGenerationOptions? options)
    {
        if (EmbeddingOptionKeys.RoleOf(options) != EmbeddingRole.Query)
        {
            return PassagePrefix ?? string.Empty;
        }

        return EmbeddingOptionKeys.InstructionOf(options) is { } instruction && InstructionPrompt is { } prompt
            ? prompt.Replace(InstructionSlot, instruction, StringComparison.Ordinal)
            : QueryPrefix ?? string.Empty;
    }

    /// <summary>These prompts, each part that is not set taken from <paramref name="fallback"/>.</summary>
    public EmbeddingPrompts Or(EmbeddingPrompts fallback) =>
        new(QueryPrefix ?? fallback.QueryPrefix, PassagePrefix ?? fallback.PassagePrefix, InstructionPrompt ?? fallback.InstructionPrompt);
}
