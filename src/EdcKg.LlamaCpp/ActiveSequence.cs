using System.Text;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>A request admitted into the context: its sequence id, progress through the prompt, sampler and answer so far.</summary>
internal sealed class ActiveSequence(GenerationRequest request, int id, int sharedPrefix, TokenSampler sampler) : IDisposable
{
    private readonly Decoder utf8 = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder text = new();
    private readonly int longestStop = request.StopSequences.Count == 0 ? 0 : request.StopSequences.Max(s => s.Length);
    private int emitted;

    public GenerationRequest Request => request;

    public int Id => id;

    public TokenSampler Sampler => sampler;

    /// <summary>Prompt tokens whose KV cells were taken from the prefix cache instead of being evaluated.</summary>
    public int SharedPrefix { get; } = sharedPrefix;

    /// <summary>Prompt tokens this sequence has in common with the cached prefix now (those cells are counted with the cache).</summary>
    public int CachedPrefix { get; set; }

    /// <summary>Next prompt token to evaluate; equal to the prompt length once the prompt is in the KV cache.</summary>
    public int PromptCursor { get; set; } = sharedPrefix;

    public bool Prefilling => PromptCursor < request.PromptTokens.Length;

    /// <summary>Position of the next token fed to the model.</summary>
    public int Position { get; set; } = sharedPrefix;

    public int LastToken { get; set; }

    /// <summary>Index of this sequence's logits in the last batch, or -1.</summary>
    public int OutputIndex { get; set; } = -1;

    public List<int> Tokens { get; } = [];

    public ChatFinishReason? Finish { get; private set; }

    /// <summary>Appends a sampled token's bytes; ends the answer at a stop sequence or the token limit.</summary>
    public void Append(int token, byte[] bytes)
    {
        Tokens.Add(token);
        LastToken = token;
        var chars = new char[utf8.GetCharCount(bytes, flush: false)];
        utf8.GetChars(bytes, chars, flush: false);
        var before = text.Length;
        text.Append(chars);
        if (longestStop > 0)
        {
            var from = Math.Max(0, before - longestStop + 1);
            var tail = text.ToString(from, text.Length - from);
            foreach (var stop in request.StopSequences)
            {
                var at = tail.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0)
                {
                    text.Length = from + at;
                    Finish = ChatFinishReason.Stop;
                    break;
                }
            }
        }

        if (Finish is null && Tokens.Count >= request.MaxTokens)
        {
            Finish = ChatFinishReason.Length;
        }

        // Hold back what could still turn out to be the start of a stop sequence.
        var safe = Finish is null ? Math.Max(emitted, text.Length - Math.Max(0, longestStop - 1)) : text.Length;
        if (safe > emitted)
        {
            request.Pieces?.TryWrite(text.ToString(emitted, safe - emitted));
            emitted = safe;
        }
    }

    public void EndOfGeneration() => Finish = ChatFinishReason.Stop;

    /// <summary>Streams what was held back and returns the answer.</summary>
    public GenerationResult Complete()
    {
        if (text.Length > emitted)
        {
            request.Pieces?.TryWrite(text.ToString(emitted, text.Length - emitted));
            emitted = text.Length;
        }

        return new(text.ToString(), Tokens, Finish ?? ChatFinishReason.Stop, request.PromptTokens.Length, request.PromptTokens.Length - SharedPrefix);
    }

    public void Dispose() => sampler.Dispose();
}
