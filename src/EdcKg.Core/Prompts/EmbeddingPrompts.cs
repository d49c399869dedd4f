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

    /// <summary>
    /// The sentence-transformers prompt name EDC encodes open relation definitions with for target alignment
    /// (<c>encode(definition, prompt_name="sts_query")</c> when the model has that prompt).
    /// </summary>
    public const string SimilarityQueryPromptName = "sts_query";

    /// <summary>No prompts: texts are embedded as they are.</summary>
    public static EmbeddingPrompts None { get; } = new();

    /// <summary>
    /// EDC's own prompt, used by every embedder unless configured otherwise: its schema retriever embeds the text it
    /// searches with as <c>Instruct: {instruction}\nQuery: {text}</c>, whatever the model.
    /// </summary>
    public static EmbeddingPrompts Edc { get; } = new(InstructionPrompt: "Instruct: " + InstructionSlot + "\nQuery: ");

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

    /// <summary>
    /// The prompts of a model's <c>config_sentence_transformers.json</c> (<paramref name="prompts"/> by name, and its
    /// <c>default_prompt_name</c>), as EDC's calls of sentence-transformers use them: queries (open relation
    /// definitions) take <c>sts_query</c>, else <c>query</c>; passages (schema definitions, encoded without a prompt
    /// name) take the default prompt, else <c>passage</c> or <c>document</c>.
    /// </summary>
    public static EmbeddingPrompts FromModel(IReadOnlyDictionary<string, string> prompts, string? defaultPromptName = null)
    {
        string? Named(string? name) => name is not null && prompts.TryGetValue(name, out var prompt) ? prompt : null;
        return new EmbeddingPrompts(
            Named(SimilarityQueryPromptName) ?? Named("query"),
            Named(defaultPromptName) ?? Named("passage") ?? Named("document"));
    }

    /// <summary>
    /// The one rule of every embedder, local or served: the prompts configured (<paramref name="configured"/>), each part
    /// left unset taken from the model's own prompts (<paramref name="model"/>, none for a served model), then from
    /// <see cref="Edc"/>; so the same model gives the same vectors for the same text on every backend.
    /// </summary>
    public static EmbeddingPrompts Resolve(EmbeddingPrompts? configured, EmbeddingPrompts? model = null)
        => (configured ?? None).Or(model ?? None).Or(Edc);

    /// <summary>These prompts, each part that is not set taken from <paramref name="fallback"/>.</summary>
    public EmbeddingPrompts Or(EmbeddingPrompts fallback) =>
        new(QueryPrefix ?? fallback.QueryPrefix, PassagePrefix ?? fallback.PassagePrefix, InstructionPrompt ?? fallback.InstructionPrompt);
}
