using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Tests.Chunking;

public sealed class ChunkMergeTests
{
    private const string Text = "Ada Lovelace wrote notes. Ada Lovelace met Babbage. Babbage built the engine.";

    private static readonly Chunk First = new(0, "d", 0, 0, 51, Text[..51]);
    private static readonly Chunk Second = new(0, "d", 1, 26, 78, Text[26..]);

    private static readonly Triple Wrote = new("Ada Lovelace", "wrote", "notes");
    private static readonly Triple Met = new("Ada Lovelace", "met", "Babbage");
    private static readonly Triple Built = new("Babbage", "built", "the engine");

    [Fact]
    public void TripleReadAgainInALaterChunk_IsCanonicalizedOnlyWhereItWasFirstRead()
    {
        var asked = ChunkMerge.FirstOccurrences([[Wrote, Met], [Met, Built]]);
        Assert.Equal([[Wrote, Met], [Built]], asked);
    }

    [Fact]
    public void OneChunk_GivesItsOutputsUnchanged()
    {
        var extraction = new OpenExtractionOutput([Wrote], [], "[['Ada Lovelace', 'wrote', 'notes']]");
        Assert.Same(extraction, ChunkMerge.Extraction([extraction]));
        var canonical = new CanonicalTriple("d", 0, 0, Wrote, "wrote", DecisionKind.AddedToSchema, null);
        var single = new ChunkTrace(new Chunk(0, "d", 0, 0, 25, Text[..25]), [Wrote]);
        // EDC's list is kept as it is, duplicates included, each with its occurrence.
        var withProvenance = ChunkMerge.WithProvenance([canonical, canonical], [single]);
        Assert.Equal(2, withProvenance.Count);
        Assert.All(withProvenance, t => Assert.Equal(new SourceSpan(0, 12), Assert.Single(t.Occurrences).SubjectSpan));
    }

    [Fact]
    public void DocumentTriples_AreTheUnionOverChunks_WithEveryOccurrenceAndItsSpans()
    {
        CanonicalTriple Canonical(Triple t, string open) => new("d", 0, 0, t, open, DecisionKind.Aligned, 0.9f);
        var triples = ChunkMerge.WithProvenance(
            [Canonical(Wrote, "wrote"), Canonical(Met, "met"), Canonical(Built, "built")],
            [new ChunkTrace(First, [Wrote, Met]), new ChunkTrace(Second, [Met, Built], Truncated: true)]);

        Assert.Equal([Wrote, Met, Built], triples.Select(t => t.Triple));
        var met = triples[1];
        Assert.Equal([0, 1], met.Occurrences.Select(o => o.ChunkIndex));
        // The subject's mention closest to the object's: in chunk 0 the Ada Lovelace who met Babbage, not the first one.
        Assert.Equal([new SourceSpan(26, 38), new SourceSpan(26, 38)], met.Occurrences.Select(o => o.SubjectSpan!.Value));
        Assert.Equal(new SourceSpan(43, 50), met.Occurrences[0].ObjectSpan);
        Assert.False(met.Truncated);
        Assert.True(triples[2].Truncated);
        Assert.All(triples.SelectMany(t => t.Occurrences.Select(o => (t, o))), p =>
        {
            Assert.Equal(p.t.Triple.Subject, Text[p.o.SubjectSpan!.Value.Start..p.o.SubjectSpan.Value.End]);
            Assert.Equal(p.t.Triple.Object, Text[p.o.ObjectSpan!.Value.Start..p.o.ObjectSpan.Value.End]);
        });
    }

    [Fact]
    public void TwoOpenRelationsCanonicalizedAlikeInTwoChunks_AreOneTripleOfTheDocument()
    {
        var canonical = new Triple("Ada Lovelace", "acquaintance", "Babbage");
        var triples = ChunkMerge.WithProvenance(
            [new("d", 0, 0, canonical, "met", DecisionKind.Aligned, 0.8f), new("d", 0, 0, canonical, "knew", DecisionKind.Aligned, 0.7f)],
            [new ChunkTrace(First, [Met]), new ChunkTrace(Second, [Met with { Relation = "knew" }])]);
        var only = Assert.Single(triples);
        Assert.Equal("met", only.OpenRelation);
        Assert.Equal([0, 1], only.Occurrences.Select(o => o.ChunkIndex));
    }

    [Fact]
    public void Definitions_KeepTheFirstPerRelation_AndMissOnlyWhatNoChunkDefined()
    {
        var merged = ChunkMerge.Definitions([
            new SchemaDefinitionOutput([new RelationDefinition("wrote", "first")], ["met"]),
            new SchemaDefinitionOutput([new RelationDefinition("wrote", "second"), new RelationDefinition("met", "met def")], ["built"]),
        ]);
        Assert.Equal([("wrote", "first"), ("met", "met def")], merged.Definitions.Select(d => (d.Relation, d.Definition)));
        Assert.Equal(["built"], merged.Missing);
    }
}
