using EdcKg.Core.Domain;
using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp.Grammars;

namespace EdcKg.Benchmarks;

/// <summary>What <see cref="PipelineBenchmark"/> measures: the model, the prompts, the documents and the schema.</summary>
public sealed record PipelineBenchmarkSettings
{
    /// <summary>The GGUF chat model, used for OIE, SD and SC.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Where the stage templates and few-shot examples are read from (EDC's WebNLG files for the figures).</summary>
    public required PromptSources Prompts { get; init; }

    /// <summary>The documents, in corpus order.</summary>
    public required IReadOnlyList<string> Corpus { get; init; }

    /// <summary>The target schema for canonicalization (empty: self-canonicalization).</summary>
    public IReadOnlyList<SchemaRelation> Schema { get; init; } = [];

    /// <summary>Documents in flight at once on our path (and sequences decoded together).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>CPU threads (null: one per core).</summary>
    public int? Threads { get; init; }

    /// <summary>Answer tokens of open extraction at most.</summary>
    public int OpenExtractionMaxTokens { get; init; } = 48;

    /// <summary>Answer tokens of schema definition at most.</summary>
    public int SchemaDefinitionMaxTokens { get; init; } = 64;

    /// <summary>
    /// Bounds of the answer grammars. A random-weight model writes strings up to the grammar's limits or closes a list
    /// at once, so these bounds give answers the size of a real model's (two or three short triples in ~48 tokens).
    /// </summary>
    public GrammarLimits GrammarLimits { get; init; } = new() { MinItems = 2, MaxItems = 3, MaxStringLength = 10, MaxDefinitionLength = 60 };

    /// <summary>Rounds of both paths, interleaved; each path keeps its fastest round (a shared machine's bursts of load then penalise neither more).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>A folder with another build of the llama.cpp libraries (null: the usual places).</summary>
    public string? LlamaLibrary { get; init; }
}
