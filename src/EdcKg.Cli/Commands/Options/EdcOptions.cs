using System.CommandLine;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Commands.Options;

/// <summary>EDC's method options (run.py's, in kebab-case) bound to <see cref="EdcSettings"/>.</summary>
internal sealed class EdcOptions : IOptionGroup<EdcSettings>
{
    public Option<int> RefinementIterations { get; } = new Option<int>("--refinement-iterations") { Description = "Refinement iterations (EDC+R) after the first.", DefaultValueFactory = _ => 0 }.AtLeast(0);

    public Option<bool> EnrichSchema { get; } = new("--enrich-schema") { Description = "Relations that match no schema relation join the schema instead of being dropped." };

    public Option<int> ScTopK { get; } = new Option<int>("--sc-top-k") { Description = "Schema relations offered to the verifier per open relation.", DefaultValueFactory = _ => 5 }.AtLeast(1);

    public Option<int> SrTopK { get; } = new Option<int>("--sr-top-k") { Description = "Relations the schema retriever adds to a refinement hint.", DefaultValueFactory = _ => 10 }.AtLeast(1);

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the example choice in refinement hints.", DefaultValueFactory = _ => 0 };

    public Option<int> Parallelism { get; } = new Option<int>("--parallelism") { Description = "Documents in flight at once per stage (a local model decodes them in one batch).", DefaultValueFactory = _ => 16 }.AtLeast(1);

    /// <summary>How long documents are cut into chunks.</summary>
    public ChunkingOptionGroup Chunking { get; } = new();

    public IEnumerable<Option> Options => [RefinementIterations, EnrichSchema, ScTopK, SrTopK, Seed, Parallelism, .. Chunking.Options];

    public EdcSettings Bind(ParseResult result) => new()
    {
        RefinementIterations = result.GetValue(RefinementIterations),
        EnrichSchema = result.GetValue(EnrichSchema),
        CanonicalizationTopK = result.GetValue(ScTopK),
        RetrievedRelations = result.GetValue(SrTopK),
        Seed = result.GetValue(Seed),
        Parallelism = result.GetValue(Parallelism),
        Chunking = Chunking.Bind(result),
    };
}
