using System.Text.RegularExpressions;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Entities;

/// <summary>
/// A test double for the entity-resolution LLM: it reads the mention, its sentence and the lettered choices from the
/// prompt and answers the letter of the first choice that <see cref="Identity"/> says is the same real-world thing
/// (the same label for its name and sentence), else the "None of the above" letter. Counts its calls, and can cancel
/// a run at a given call, as a kill would stop it.
/// </summary>
internal sealed partial class ScriptedEntityResolver(Func<string, string, string> identity) : IChatClient
{
    private int calls;

    /// <summary>The label of the real-world thing a name in a sentence means.</summary>
    public Func<string, string, string> Identity { get; } = identity;

    /// <summary>How many questions were asked.</summary>
    public int Calls => calls;

    /// <summary>When set, the call with this number (from 1) cancels <see cref="Kill"/> and fails as a killed run would.</summary>
    public int? KillAtCall { get; init; }

    /// <summary>The source cancelled at <see cref="KillAtCall"/>.</summary>
    public CancellationTokenSource Kill { get; } = new();

    /// <summary>The prompts received.</summary>
    public List<string> Prompts { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref calls);
        if (call == KillAtCall)
        {
            Kill.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var prompt = string.Join("\n", messages.Select(m => m.Text));
        Prompts.Add(prompt);
        var shape = (ChoiceShape)options!.AdditionalProperties![ChatOptionKeys.OutputShape]!;
        var wanted = Identity(Line(prompt, "Entity: "), Line(prompt, "Sentence: "));
        var answer = shape.Letters[^1];
        foreach (Match choice in Choice().Matches(prompt))
        {
            if (choice.Groups[2].Value != "None of the above" && Identity(choice.Groups[2].Value, choice.Groups[4].Value) == wanted)
            {
                answer = choice.Groups[1].Value;
                break;
            }
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => Kill.Dispose();

    private static string Line(string prompt, string lead)
    {
        var at = prompt.IndexOf(lead, StringComparison.Ordinal);
        var end = prompt.IndexOf('\n', at);
        return prompt[(at + lead.Length)..end].Trim();
    }

    [GeneratedRegex(@"^([A-Z])\. (.*?)( \| (.*))?$", RegexOptions.Multiline)]
    private static partial Regex Choice();
}
