using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What every item's refinement hint of one iteration shares.</summary>
/// <param name="Iteration">The iteration the hints are for (part of the seed).</param>
/// <param name="Schema">The schema as the previous iteration left it, by relation name.</param>
/// <param name="Examples">Every previous canonical triple by relation, with the text it came from, in corpus order.</param>
/// <param name="Seed">The run's seed of the example draw.</param>
public sealed record RefinementContext(
    int Iteration,
    IReadOnlyDictionary<string, SchemaRelation> Schema,
    IReadOnlyDictionary<string, IReadOnlyList<(Triple Triple, string Text)>> Examples,
    int Seed);
