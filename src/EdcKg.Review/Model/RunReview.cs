using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;

namespace EdcKg.Review.Model;

/// <summary>
/// Everything the review page shows, read from the run store with the corrections applied, and indexed for the
/// page's questions: entities by id and name, triples by entity, decisions by iteration. Immutable; the server
/// builds a new one after each correction (a few milliseconds for ten thousand triples).
/// </summary>
internal sealed class RunReview
{
    private RunReview(string runId, IReadOnlyList<Document> documents, IReadOnlyList<SchemaRelation> schema, IReadOnlyList<DocumentFailure> failures, IReadOnlyList<Correction> corrections)
    {
        RunId = runId;
        Documents = documents;
        Schema = schema;
        Failures = failures;
        Corrections = corrections;
    }

    public string RunId { get; }

    public IReadOnlyList<Document> Documents { get; }

    public IReadOnlyList<SchemaRelation> Schema { get; }

    public IReadOnlyList<DocumentFailure> Failures { get; }

    /// <summary>Every correction, undone ones included, in the order made.</summary>
    public IReadOnlyList<Correction> Corrections { get; }

    public List<IterationFigures> Iterations { get; } = [];

    /// <summary>Every decision of every iteration, in (iteration, corpus, position) order.</summary>
    public List<DecisionRow> Decisions { get; } = [];

    private Dictionary<(int Iteration, int Document, int Position), DecisionRow> DecisionIndex { get; } = [];

    /// <summary>The final graph: each document's triples from the last iteration that canonicalized it.</summary>
    public List<ReviewTriple> Triples { get; } = [];

    public Dictionary<string, ReviewEntity> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>The final triples of each document, in decision order.</summary>
    public Dictionary<int, List<ReviewTriple>> TriplesByDocument { get; } = [];

    /// <summary>The iteration each document's final triples come from.</summary>
    public Dictionary<int, int> FinalIteration { get; } = [];

    /// <summary>The review of <paramref name="run"/> with <paramref name="corrections"/> applied.</summary>
    public static RunReview Build(StoredRun run, IReadOnlyList<Correction> corrections)
    {
        var (documents, failures) = (run.Documents, run.Failures);
        var review = new RunReview(run.RunId, documents, run.Schema, failures, corrections);
        var set = new CorrectionSet(corrections);
        var latest = new Dictionary<int, (int Iteration, IReadOnlyList<CanonicalizationDecision> Decisions)>();
        foreach (var iteration in run.Iterations)
        {
            var entities = new HashSet<string>(StringComparer.Ordinal);
            var relations = new HashSet<string>(StringComparer.Ordinal);
            int triples = 0, dropped = 0, corrected = 0, canonicalized = 0;
            foreach (var document in documents)
            {
                if (!iteration.SchemaCanonicalization.TryGetValue(document.Index, out var output))
                {
                    continue;
                }

                canonicalized++;
                var definitions = iteration.SchemaDefinition.GetValueOrDefault(document.Index);
                var current = new List<CanonicalizationDecision>(output.Decisions.Count);
                for (var position = 0; position < output.Decisions.Count; position++)
                {
                    var original = output.Decisions[position];
                    var decision = set.Apply(document.Id, iteration.Iteration, original);
                    current.Add(decision);
                    var row = new DecisionRow(iteration.Iteration, document, position, original, decision, definitions?.DefinitionOf(original.OpenTriple.Relation));
                    review.Decisions.Add(row);
                    review.DecisionIndex[(iteration.Iteration, document.Index, position)] = row;
                    corrected += decision.Correction is null ? 0 : 1;
                    if (decision.Result is { } triple)
                    {
                        triples++;
                        entities.Add(EntityKey.Of(triple.Subject));
                        entities.Add(EntityKey.Of(triple.Object));
                        relations.Add(triple.Relation);
                    }
                    else
                    {
                        dropped++;
                    }
                }

                latest[document.Index] = (iteration.Iteration, current);
            }

            review.Iterations.Add(new IterationFigures(
                iteration.Iteration,
                canonicalized,
                iteration.OpenExtraction.Count,
                iteration.OpenExtraction.Values.Sum(o => o.Triples.Count),
                triples,
                entities.Count,
                relations.Count,
                dropped,
                failures.Count(f => f.Iteration == iteration.Iteration),
                corrected,
                iteration.IsComplete));
        }

        foreach (var document in documents)
        {
            if (!latest.TryGetValue(document.Index, out var found))
            {
                continue;
            }

            review.FinalIteration[document.Index] = found.Iteration;
            for (var position = 0; position < found.Decisions.Count; position++)
            {
                var decision = found.Decisions[position];
                if (decision.Result is not { } triple)
                {
                    continue;
                }

                var canonical = new CanonicalTriple(document.Id, document.Index, found.Iteration, triple, decision.OpenTriple.Relation, decision.Kind, decision.Score) { Correction = decision.Correction };
                var reviewTriple = new ReviewTriple(review.Triples.Count, canonical, position, review.Mention(triple.Subject, document.Index, review.Triples.Count), review.Mention(triple.Object, document.Index, review.Triples.Count));
                review.Triples.Add(reviewTriple);
                if (!review.TriplesByDocument.TryGetValue(document.Index, out var ofDocument))
                {
                    review.TriplesByDocument[document.Index] = ofDocument = [];
                }

                ofDocument.Add(reviewTriple);
            }
        }

        return review;
    }

    /// <summary>The entity with <paramref name="id"/>, or null.</summary>
    public ReviewEntity? Entity(string id) => Entities.GetValueOrDefault(id);

    /// <summary>The document at <paramref name="index"/> in corpus order, or null.</summary>
    public Document? Document(int index) => index >= 0 && index < Documents.Count && Documents[index].Index == index ? Documents[index] : Documents.FirstOrDefault(d => d.Index == index);

    /// <summary>The decision at (<paramref name="iteration"/>, <paramref name="documentIndex"/>, <paramref name="position"/>), or null.</summary>
    public DecisionRow? Decision(int iteration, int documentIndex, int position)
        => DecisionIndex.GetValueOrDefault((iteration, documentIndex, position));

    private string Mention(string name, int documentIndex, int tripleId)
    {
        var id = EntityIds.Of(name);
        if (!Entities.TryGetValue(id, out var entity))
        {
            Entities[id] = entity = new ReviewEntity(id, name);
        }

        if (entity.Triples.Count == 0 || entity.Triples[^1] != tripleId)
        {
            entity.Triples.Add(tripleId);
        }

        entity.Documents.Add(documentIndex);
        return id;
    }
}
