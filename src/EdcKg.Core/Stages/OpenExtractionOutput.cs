using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What open extraction produced for one document.</summary>
/// <param name="Triples">The parsed triples, without duplicates.</param>
/// <param name="Unparsed">Bracketed fragments of the answer that looked like triples but could not be read.</param>
/// <param name="Answer">The raw answer.</param>
public sealed record OpenExtractionOutput(IReadOnlyList<Triple> Triples, IReadOnlyList<string> Unparsed, string Answer);
