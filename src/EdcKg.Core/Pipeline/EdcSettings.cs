namespace EdcKg.Core.Pipeline;

/// <summary>The options of a run that shape its results (bound from the CLI and <c>edckg.json</c>).</summary>
public sealed record EdcSettings
{
    /// <summary>Refinement iterations after iteration 0 (EDC+R); 0 runs plain EDC.</summary>
    public int RefinementIterations { get; init; }

    /// <summary>Whether relations that match no schema relation join the schema (forced on without a target schema).</summary>
    public bool EnrichSchema { get; init; }

    /// <summary>Schema relations offered to the verifier per open relation.</summary>
    public int CanonicalizationTopK { get; init; } = 5;

    /// <summary>Relations the schema retriever adds to a refinement hint.</summary>
    public int RetrievedRelations { get; init; } = 10;

    /// <summary>Seed of the example draw in refinement hints.</summary>
    public int Seed { get; init; }

    /// <summary>Documents in flight at once in a stage (a local backend batches them; a remote one gets that many requests).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Maximum answer length of open extraction.</summary>
    public int OpenExtractionMaxTokens { get; init; } = 512;

    /// <summary>Maximum answer length of schema definition.</summary>
    public int SchemaDefinitionMaxTokens { get; init; } = 512;

    /// <summary>Maximum answer length of the canonicalization verifier.</summary>
    public int VerifierMaxTokens { get; init; } = 5;

    /// <summary>Maximum answer length of entity extraction and merging.</summary>
    public int EntityMaxTokens { get; init; } = 256;

    /// <summary>Entity resolution after canonicalization of each iteration (<c>--resolve-entities</c>); null: entities stay as extracted.</summary>
    public Entities.EntityResolutionSettings? EntityResolution { get; init; }

    /// <summary>How documents longer than the stage models' context are cut into chunks.</summary>
    public Chunking.ChunkingOptions Chunking { get; init; } = new();
}
