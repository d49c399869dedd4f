using System.CommandLine;
using EdcKg.Core.Chunking;

namespace EdcKg.Cli.Commands.Options;

/// <summary>The options of <c>run</c> that say how documents longer than the models' context are cut into chunks.</summary>
internal sealed class ChunkingOptionGroup : IOptionGroup<ChunkingOptions>
{
    public Option<int> OverlapSentences { get; } = new Option<int>("--chunk-overlap-sentences")
    {
        Description = "Sentences at the end of a chunk repeated at the start of the next (0: no overlap).",
        DefaultValueFactory = _ => new ChunkingOptions().OverlapSentences,
    }.AtLeast(0);

    public Option<int?> MaxTokens { get; } = new Option<int?>("--chunk-max-tokens")
    {
        Description = "Most tokens of document text per chunk (default: as many as every stage's prompt, with its answer limit, lets fit the model's context).",
    }.AtLeast(ChunkBudget.Minimum);

    public Option<int> RemoteContext { get; } = new Option<int>("--remote-context-tokens")
    {
        Description = "Context assumed for a served model when cutting chunks (its tokens are estimated; a local GGUF counts its own).",
        DefaultValueFactory = _ => new ChunkingOptions().AssumedContextTokens,
    }.AtLeast(256);

    public IEnumerable<Option> Options => [OverlapSentences, MaxTokens, RemoteContext];

    public ChunkingOptions Bind(ParseResult result) => new()
    {
        OverlapSentences = result.GetValue(OverlapSentences),
        MaxChunkTokens = result.GetValue(MaxTokens),
        AssumedContextTokens = result.GetValue(RemoteContext),
    };
}
