using EdcKg.Core.Domain;

namespace EdcKg.Core.Parsing;

/// <summary>The triples read from one LLM answer, and the bracketed fragments that looked like triples but did not parse.</summary>
public sealed record TripleListParse(IReadOnlyList<Triple> Triples, IReadOnlyList<string> Unparsed);
