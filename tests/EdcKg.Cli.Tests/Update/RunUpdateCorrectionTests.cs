using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Core.Storage;

namespace EdcKg.Cli.Tests.Update;

/// <summary>A reviewer's corrections outlive <c>edckg run --update</c>: those of unchanged documents keep applying, those of removed ones apply to nothing.</summary>
public sealed class RunUpdateCorrectionTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Corrections_of_an_unchanged_document_still_apply_after_an_update_and_the_new_document_is_added()
    {
        await using var run = new StubbedFolderRun();
        run.Write("a.txt", "Alice works_for Acme. Acme located_in Paris.");
        run.Write("b.txt", "Bob works_for Initech. Bob born_in Lyon.");
        var output = run.Output;
        var (code, _, error) = await run.RunAsync();
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");

        var bob = (await RunSnapshotReader.ReadAsync(output)).Triples.Single(t => t.Triple == new Triple("Bob", "born_in", "Lyon"));
        using (var store = CorrectionStore.Open(Path.Combine(output, RunSnapshotReader.StoreFileName)))
        {
            await store.AddAsync(new Correction(CorrectionKind.ChooseRelation) { DocumentId = bob.DocumentId, Iteration = 0, OpenTriple = new("Bob", "born_in", "Lyon"), Relation = "located_in", User = "ann", CreatedAt = When });
            await store.AddAsync(new Correction(CorrectionKind.MergeEntities) { Entity = "Initech", NewName = "Acme", User = "ann", CreatedAt = When });
        }

        run.Write("c.txt", "Carol works_for Initech.");
        (code, var stdout, error) = await run.RunAsync("--update");
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains("Update: 2 unchanged, 0 changed, 1 new, 0 removed.", stdout);

        var snapshot = await RunSnapshotReader.ReadAsync(output);
        Assert.Contains(snapshot.Triples, t => t.Triple == new Triple("Bob", "located_in", "Lyon") && t.Correction is not null);
        Assert.DoesNotContain(snapshot.Triples, t => t.Triple.Relation == "born_in");
        // The merge names an entity, not a document: it applies to the new document's mention too.
        Assert.Contains(snapshot.Triples, t => t.Triple == new Triple("Carol", "works_for", "Acme"));
        Assert.DoesNotContain(snapshot.Triples, t => t.Triple.Object == "Initech" || t.Triple.Subject == "Initech");
    }
}
