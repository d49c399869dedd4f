using EdcKg.Core.Domain;
using EdcKg.Core.Entities;
using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Tests;

public sealed class ResolvedEntityGraphTests
{
    [Fact]
    public void ResolvedTriplesConnectOneEntityNodePerEntityWithAliasesAndDecisions()
    {
        var mention = new EntityMention(1, "d1", "Shepard", "Shepard commanded Apollo 14.");
        var decision = new EntityDecision(1, mention, [new EntityCandidate("e0", "Alan Shepard", 0.8f, 0.75f, 0.9f)], "A", EntityDecisionOutcome.Merged, "e0", "model");
        var first = new EntityDecision(0, new EntityMention(0, "d0", "Alan Shepard", "Alan Shepard flew."), [], null, EntityDecisionOutcome.New, "e0", "none");
        var entities = new ResolvedEntities(
            0,
            [new ResolvedEntity("e0", "Alan Shepard", ["Shepard"], 2), new ResolvedEntity("e2", "Apollo 14", [], 1)],
            [first, decision],
            new Dictionary<string, string> { [first.Mention.Key] = "e0", [mention.Key] = "e0", [EntityMention.MentionKey("d1", "Apollo 14")] = "e2" });
        var triple = new CanonicalTriple("d1", 1, 0, new Triple("Shepard", "commanded", "Apollo 14"), "commanded", DecisionKind.Aligned, 0.9f) { SubjectId = "e0", ObjectId = "e2" };
        var batch = new GraphBatch("run1", [], [], [triple], null, entities);

        var statements = GraphWriter.Statements(batch, 100, out _);
        var relationship = (IReadOnlyList<IReadOnlyDictionary<string, object?>>)statements.Single(s => s.Text.Contains("`COMMANDED`", StringComparison.Ordinal)).Parameters!["rows"]!;
        Assert.Equal("run1/e0", relationship.Single()["subjectKey"]);
        Assert.Equal("run1/e2", relationship.Single()["objectKey"]);

        var nodes = statements.Single(s => s.Text == ResolvedEntityRows.Statement());
        var rows = (IReadOnlyList<IReadOnlyDictionary<string, object?>>)nodes.Parameters!["rows"]!;
        var alan = rows.Single(r => (string)r["key"]! == "run1/e0");
        Assert.Equal("Alan Shepard", alan["name"]);
        Assert.Equal(new List<string> { "Shepard" }, alan["aliases"]);
        var decisions = (List<string>)alan["decisions"]!;
        Assert.Equal(2, decisions.Count);
        Assert.Contains("\"answer\":\"A\"", decisions[1]);
    }
}
