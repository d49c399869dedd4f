using EdcKg.Core.Domain;

namespace EdcKg.Evaluation.Benchmarks;

/// <summary>One EDC benchmark (WebNLG, REBEL, Wiki-NRE) read from EDC's data layout.</summary>
/// <param name="Name">The benchmark name as EDC spells its files (<c>webnlg</c>, <c>rebel</c>, <c>wiki-nre</c>).</param>
/// <param name="Documents">The input texts, one per line of <c>datasets/{name}.txt</c>.</param>
/// <param name="References">The gold triples per document, from <c>evaluate/references/{name}.txt</c>.</param>
/// <param name="ReferencePath">Where the references were read, for the evaluation step.</param>
/// <param name="ReferenceLines">The reference lines as written in the file (as many as <paramref name="Documents"/>), for scoring.</param>
/// <param name="Schema">The target schema, from <c>schemas/{name}_schema.csv</c> (relation, definition).</param>
/// <param name="FewShotExamples">The few-shot example blocks.</param>
public sealed record EdcBenchmark(
    string Name,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<IReadOnlyList<Triple>> References,
    string ReferencePath,
    IReadOnlyList<string> ReferenceLines,
    IReadOnlyList<SchemaRelation> Schema,
    EdcBenchmarkFewShotExamples FewShotExamples);
