namespace EdcKg.Evaluation.Benchmarks;

/// <summary>
/// The few-shot example blocks of one benchmark in EDC's layout (<c>few_shot_examples/{name}/</c>). EDC pastes each
/// file verbatim into its prompt, so they are kept as text.
/// </summary>
/// <param name="OpenExtraction">Examples for open information extraction (<c>oie_few_shot_examples.txt</c>).</param>
/// <param name="RefinedExtraction">Examples for the refinement pass (<c>oie_few_shot_refine_examples.txt</c>).</param>
/// <param name="SchemaDefinition">Examples for relation definitions (<c>sd_few_shot_examples.txt</c>).</param>
/// <param name="EntityExtraction">Examples for entity extraction (<c>ee_few_shot_examples.txt</c>).</param>
public sealed record EdcBenchmarkFewShotExamples(string OpenExtraction, string RefinedExtraction, string SchemaDefinition, string EntityExtraction);
