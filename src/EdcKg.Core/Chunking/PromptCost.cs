namespace EdcKg.Core.Chunking;

/// <summary>
/// What one stage's prompt costs besides the chunk's text: the prompt with the text left empty (instructions and
/// examples), the answer limit, and room for what else the prompt holds per chunk (the triples that schema
/// definition lists, the candidates the verifier is shown), counted by the stage model's <paramref name="Counter"/>.
/// </summary>
/// <param name="Stage">The stage, named in messages.</param>
/// <param name="Counter">The stage model's token counter.</param>
/// <param name="PromptWithoutText">The prompt as sent, with the chunk's text (and other per-chunk parts) empty.</param>
/// <param name="AnswerTokens">The stage's answer limit.</param>
/// <param name="ExtraTokens">Room kept for the other per-chunk parts of the prompt.</param>
public sealed record PromptCost(string Stage, ITokenCounter Counter, string PromptWithoutText, int AnswerTokens, int ExtraTokens = 0);
