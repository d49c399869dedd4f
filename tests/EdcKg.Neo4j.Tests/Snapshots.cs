using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;

namespace EdcKg.Neo4j.Tests;

/// <summary>Run snapshots for the exporters: a small hand-made one and one from real LLM output.</summary>
internal static class Snapshots
{
    /// <summary>Two documents, three relations, five triples with awkward names (quotes, commas, newlines, Unicode).</summary>
    public static RunSnapshot Small() => new(
        "run-1",
        [
            new Document(0, "doc-0", "Marie Curie was born in Warsaw, \"Congress Poland\".\nShe won two Nobel prizes."),
            new Document(1, "doc-1", "Hoče–Slivnica is in Slovenia; its name has a háček: č."),
        ],
        [
            new SchemaRelation("place of birth", "The subject was born in the object, a \"place\".", RelationOrigin.Target),
            new SchemaRelation("award received", "The subject received the object,\nan award.", RelationOrigin.Target),
            new SchemaRelation("country", "The subject is in the country object.", RelationOrigin.Induced),
        ],
        [
            Triple("doc-0", 0, "Marie Curie", "place of birth", "Warsaw, \"Congress Poland\"", "born in", DecisionKind.Aligned, 0.91f),
            Triple("doc-0", 0, "Marie  Curie", "award received", "Nobel Prize\nin Physics", "won", DecisionKind.Aligned, 0.8f),
            Triple("doc-0", 0, "marie curie", "award received", "Nobel Prize in Chemistry", "award received", DecisionKind.AlreadyInSchema, null),
            Triple("doc-1", 1, "Hoče–Slivnica", "country", "Slovenia", "country", DecisionKind.AddedToSchema, null),
            Triple("doc-1", 1, "Slovenia", "country", "Slovenia", "is a", DecisionKind.Aligned, 0.5f),
        ]);

    /// <summary>The canonical triples a real EDC run on REBEL wrote (one line per document), as a snapshot.</summary>
    public static RunSnapshot RealRebel()
    {
        var path = Path.Combine(TestModels.RepositoryPaths.SharedEdc, "real_runs", "rebel_iter0", "canon_kg.txt");
        var lines = File.ReadAllLines(path);
        var documents = new List<Document>();
        var triples = new List<CanonicalTriple>();
        for (var i = 0; i < lines.Length; i++)
        {
            var id = $"rebel-{i}";
            documents.Add(new Document(i, id, lines[i]));
            foreach (var triple in TripleListParser.Parse(lines[i]).Triples)
            {
                triples.Add(new CanonicalTriple(id, i, 0, triple, triple.Relation, DecisionKind.AlreadyInSchema, null));
            }
        }

        var relations = triples.Select(t => t.Triple.Relation).Distinct(StringComparer.Ordinal)
            .Select(r => new SchemaRelation(r, $"The subject has {r} the object.", RelationOrigin.Target)).ToList();
        return new RunSnapshot("rebel-iter0", documents, relations, triples);
    }

    private static CanonicalTriple Triple(string doc, int index, string s, string r, string o, string open, DecisionKind kind, float? score) =>
        new(doc, index, 0, new Triple(s, r, o), open, kind, score);
}
