using System.Text;
using System.Text.RegularExpressions;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace TestModels;

/// <summary>
/// A test double that stands in for an LLM: it answers each stage's prompt by fixed rules over the prompt's text, so
/// pipeline tests and benchmarks are deterministic. Open extraction reads every sentence "Subject relation Object."
/// of the text as one triple; definitions are templated; the verifier picks the candidate whose name matches the
/// query relation once lower-cased with spaces and underscores removed, else "None of the above"; entities are the
/// capitalised words.
/// </summary>
public sealed partial class ScriptedChatClient : IChatClient
{
    private int calls;

    /// <summary>A delay before every answer (to let tests interrupt a run mid-stage).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Relations that the schema definition answer leaves out on the first ask (to test the re-ask).</summary>
    public ISet<string> ForgetOnFirstAsk { get; init; } = new HashSet<string>();

    /// <summary>Relations never defined (to test what stays missing).</summary>
    public ISet<string> NeverDefine { get; init; } = new HashSet<string>();

    /// <summary>Answers given verbatim for open extraction, by the document text (to test messy output).</summary>
    public IDictionary<string, string> OpenExtractionAnswers { get; init; } = new Dictionary<string, string>();

    /// <summary>How many calls were made.</summary>
    public int Calls => calls;

    /// <summary>Every prompt received, in order of arrival.</summary>
    public List<string> Prompts { get; } = [];

    /// <summary>The prompts whose asker said it may follow up (<see cref="ChatOptionKeys.FollowUp"/>), in order of arrival.</summary>
    public List<string> FollowUpPrompts { get; } = [];

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        var prompt = string.Join("\n", messages.Select(m => m.Text));
        lock (Prompts)
        {
            Prompts.Add(prompt);
            if (options?.AdditionalProperties?.GetValueOrDefault(ChatOptionKeys.FollowUp) is true)
            {
                FollowUpPrompts.Add(prompt);
            }
        }

        var shape = options?.AdditionalProperties?.GetValueOrDefault(ChatOptionKeys.OutputShape) as OutputShape;
        var answer = shape switch
        {
            TripleListShape => ExtractTriples(prompt),
            RelationDefinitionsShape s => Define(s.Relations),
            ChoiceShape s => Choose(prompt, s.Letters),
            EntityListShape => ListEntities(prompt),
            _ => string.Empty,
        };
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            Usage = new UsageDetails { InputTokenCount = prompt.Length / 4, OutputTokenCount = answer.Length / 4 },
        };
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string LastText(string prompt)
    {
        var at = prompt.LastIndexOf("Text: ", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var end = prompt.IndexOf('\n', at);
        return (end < 0 ? prompt[(at + 6)..] : prompt[(at + 6)..end]).Trim();
    }

    private string ExtractTriples(string prompt)
    {
        var text = LastText(prompt);
        if (OpenExtractionAnswers.TryGetValue(text, out var verbatim))
        {
            return verbatim;
        }

        var triples = new List<string>();
        foreach (var sentence in text.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3)
            {
                triples.Add($"['{words[0]}', '{words[1]}', '{string.Join(' ', words.Skip(2))}']");
            }
        }

        return "[" + string.Join(", ", triples) + "]";
    }

    private string Define(IReadOnlyList<string> relations)
    {
        var answer = new StringBuilder();
        var alone = relations.Count == 1;
        foreach (var relation in relations)
        {
            if (NeverDefine.Contains(relation) || (!alone && ForgetOnFirstAsk.Contains(relation)))
            {
                continue;
            }

            answer.Append(relation).Append(": The subject entity is related to the object entity by ").Append(relation.Replace('_', ' ')).Append(".\n");
        }

        return answer.ToString();
    }

    private static string Choose(string prompt, IReadOnlyList<string> letters)
    {
        var query = QueryRelation().Match(prompt);
        var wanted = query.Success ? Normalise(query.Groups[1].Value) : string.Empty;
        foreach (Match choice in ChoiceLine().Matches(prompt))
        {
            if (Normalise(choice.Groups[2].Value) == wanted)
            {
                return choice.Groups[1].Value;
            }
        }

        return letters[^1];
    }

    private static string ListEntities(string prompt)
    {
        var text = LastText(prompt);
        var entities = text.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Distinct();
        return "[" + string.Join(", ", entities.Select(e => $"'{e}'")) + "]";
    }

    private static string Normalise(string relation) => relation.ToLowerInvariant().Replace(" ", string.Empty).Replace("_", string.Empty);

    [GeneratedRegex(@"The relation '([^']*)'")]
    private static partial Regex QueryRelation();

    [GeneratedRegex(@"^([A-Z])\. '([^']*)':", RegexOptions.Multiline)]
    private static partial Regex ChoiceLine();
}
