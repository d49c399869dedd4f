using EdcKg.Core.Storage;

namespace EdcKg.Cli.Console;

/// <summary>Readable names of the stages for progress displays.</summary>
internal static class StageLabels
{
    public static string Of(string stage) => stage switch
    {
        StageName.OpenExtraction => "open extraction",
        StageName.SchemaDefinition => "schema definition",
        StageName.SchemaCanonicalization => "schema canonicalization",
        StageName.RefinementHint => "refinement hints",
        StageName.EntityResolution => "entity resolution",
        _ => stage,
    };
}
