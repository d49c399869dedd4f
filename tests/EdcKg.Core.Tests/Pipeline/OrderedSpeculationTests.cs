using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Tests.Pipeline;

public sealed class OrderedSpeculationTests
{
    private static readonly Triple Open = new("Alice", "works_for", "Acme");

    [Fact]
    public void AResultStaysValidWhenNothingJoinedTheSchema()
        => Assert.True(OrderedSpeculation.StillValid(Output([new("a", 0.9f), new("b", 0.5f)], [1, 0]), [], topK: 2));

    [Fact]
    public void ARelationThatWouldEnterTheTopKInvalidatesTheResult()
    {
        var output = Output([new("a", 0.9f), new("b", 0.5f)], [1, 0]);
        Assert.False(OrderedSpeculation.StillValid(output, [Added("c", [0.8f, 0.6f])], topK: 2));
        Assert.True(OrderedSpeculation.StillValid(output, [Added("c", [0f, 1f])], topK: 2));
    }

    [Fact]
    public void ARelationWithTheOpenRelationsNameInvalidatesTheResult()
        => Assert.False(OrderedSpeculation.StillValid(Output([new("a", 0.9f), new("b", 0.5f)], [1, 0]), [Added("works_for", [0f, 1f])], topK: 2));

    [Fact]
    public void AShortCandidateListIsInvalidatedByAnyAddition()
        => Assert.False(OrderedSpeculation.StillValid(Output([new("a", 0.9f)], [1, 0]), [Added("c", [0f, 1f])], topK: 2));

    private static SchemaCanonicalizationOutput Output(CandidateRelation[] candidates, float[] query)
        => new([new CanonicalizationDecision(Open, DecisionKind.Dropped, null, candidates, "C")], []) { QueryEmbeddings = [query] };

    private static (SchemaRelation, ReadOnlyMemory<float>) Added(string name, float[] embedding)
        => (new SchemaRelation(name, "definition", RelationOrigin.Induced), embedding);
}
