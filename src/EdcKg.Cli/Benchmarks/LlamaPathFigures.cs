namespace EdcKg.Cli.Benchmarks;

/// <summary>What one decoding path achieved over the benchmark's documents.</summary>
/// <param name="DocumentsPerSecond">Documents answered per second of wall-clock time.</param>
/// <param name="PromptTokensPerDocument">Prompt tokens run through the model per document (the rest came from the prefix cache).</param>
/// <param name="AnswerTokensPerDocument">Tokens generated per document.</param>
/// <param name="Decodes">Calls to <c>llama_decode</c>.</param>
public sealed record LlamaPathFigures(double DocumentsPerSecond, double PromptTokensPerDocument, double AnswerTokensPerDocument, long Decodes);
