using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdcKg.Core.Parsing;
using EdcKg.Core.Prompts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace TestModels;

/// <summary>
/// A loopback OpenAI-compatible server for tests: <c>/v1/chat/completions</c> answered by <see cref="ScriptedChatClient"/>
/// (the answer form inferred from the prompt, as a real model would read it) and <c>/v1/embeddings</c> by the hashing
/// embedder, on one or more ports of a <see cref="LoopbackHttpServer"/> (one endpoint each). Faults queued for a prompt marker are injected on the requests
/// whose prompt contains it, one per request, and every exchange is logged with its arrival time.
/// </summary>
public sealed partial class OpenAiStub : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;
    private readonly ScriptedChatClient chat = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StubFault>> faults = new();
    private readonly ConcurrentDictionary<string, StubFault> permanent = new();
    private readonly List<StubExchange> log = [];

    /// <summary>Starts listening on <paramref name="ports"/> loopback ports (bound to port 0: the system picks them).</summary>
    public OpenAiStub(int ports = 1)
    {
        server = new LoopbackHttpServer(HandleAsync, ports);
        Ports = [.. server.Ports];
    }

    /// <summary>How long every answer takes, as a model's decoding would (0: at once).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The ports listened on.</summary>
    public List<int> Ports { get; }

    /// <summary>The API base of each port, as <c>--llm-endpoint</c> takes it.</summary>
    public IEnumerable<string> Endpoints => Ports.Select(p => $"http://127.0.0.1:{p}/v1");

    /// <summary>Every exchange so far, in order of arrival.</summary>
    public IReadOnlyList<StubExchange> Log
    {
        get
        {
            lock (log)
            {
                return log.ToList();
            }
        }
    }

    /// <summary>Queues faults for the next requests whose prompt contains <paramref name="marker"/> (embedding requests read as "embeddings|input|input…").</summary>
    public void Inject(string marker, params StubFault[] queued)
    {
        var queue = faults.GetOrAdd(marker, _ => new ConcurrentQueue<StubFault>());
        foreach (var fault in queued)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Fails every request whose prompt contains <paramref name="marker"/> with <paramref name="fault"/>.</summary>
    public void FailAlways(string marker, StubFault fault) => permanent[marker] = fault;

    /// <summary>Stops failing requests for <paramref name="marker"/>.</summary>
    public void Heal(string marker) => permanent.TryRemove(marker, out _);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = clock.Elapsed;
        var aborted = context.RequestAborted;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = JsonNode.Parse(await reader.ReadToEndAsync(aborted).ConfigureAwait(false))!;
            var path = context.Request.Path.Value ?? string.Empty;
            var (key, text) = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? ChatKey(request) : EmbeddingKey(request);
            var fault = NextFault(text);
            lock (log)
            {
                log.Add(new StubExchange(arrived, context.Connection.LocalPort, path, key, fault));
            }

            switch (fault)
            {
                case StubFault.TooManyRequests tooMany:
                    context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await RespondAsync(context, 429, """{"error":{"message":"rate limited"}}""").ConfigureAwait(false);
                    return;
                case StubFault.ServerError error:
                    await RespondAsync(context, error.Status, """{"error":{"message":"overloaded"}}""").ConfigureAwait(false);
                    return;
                case StubFault.MalformedJson:
                    await RespondAsync(context, 200, """{"id":"x","choices":[{"message":{"content":"[['A""").ConfigureAwait(false);
                    return;
                case StubFault.Slow slow:
                    await Task.Delay(slow.Delay, aborted).ConfigureAwait(false);
                    break;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, aborted).ConfigureAwait(false);
            }

            var answer = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? await ChatAsync(request).ConfigureAwait(false) : Embed(request);
            await RespondAsync(context, 200, answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client gave up on a slow answer and closed the connection.
        }
    }

    private StubFault? NextFault(string text)
    {
        foreach (var (marker, fault) in permanent)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return fault;
            }
        }

        foreach (var (marker, queue) in faults)
        {
            if (text.Contains(marker, StringComparison.Ordinal) && queue.TryDequeue(out var fault))
            {
                return fault;
            }
        }

        return null;
    }

    private static async Task RespondAsync(HttpContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static string PromptOf(JsonNode request)
        => string.Join("\n", request["messages"]!.AsArray().Select(m => m!["content"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())),
            _ => string.Empty,
        }));

    private static (string Key, string Text) ChatKey(JsonNode request)
    {
        var prompt = PromptOf(request);
        var shape = ShapeOf(prompt);
        var subject = shape is ChoiceShape ? QueryRelation().Match(prompt).Groups[1].Value + "|" + LastLine(prompt, "Text: ") : LastLine(prompt, "Text: ");
        return ($"{shape.GetType().Name}|{subject}", prompt);
    }

    private static (string Key, string Text) EmbeddingKey(JsonNode request)
    {
        var inputs = Inputs(request);
        var key = "embeddings|" + string.Join("|", inputs);
        return (key, key);
    }

    private static List<string> Inputs(JsonNode request)
        => request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];

    /// <summary>Chat requests that asked for JSON following a schema.</summary>
    public int StructuredRequests => structuredRequests;

    private int structuredRequests;

    private async Task<string> ChatAsync(JsonNode request)
    {
        var prompt = PromptOf(request);
        var shape = ShapeOf(prompt);
        var options = new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary { [ChatOptionKeys.OutputShape] = shape } };
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options).ConfigureAwait(false);
        var content = response.Text;
        if (request["response_format"]?["type"]?.GetValue<string>() == "json_schema")
        {
            Interlocked.Increment(ref structuredRequests);
            content = AsJson(shape, content);
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = response.Usage!.InputTokenCount,
                ["completion_tokens"] = response.Usage.OutputTokenCount,
                ["total_tokens"] = response.Usage.InputTokenCount + response.Usage.OutputTokenCount,
            },
        }.ToJsonString();
    }

    /// <summary>The scripted text answer as the JSON a server with structured output gives.</summary>
    private static string AsJson(OutputShape shape, string text) => (shape switch
    {
        TripleListShape => new JsonObject { ["triples"] = new JsonArray(TripleListParser.Parse(text).Triples.Select(t => (JsonNode)new JsonArray(t.ToList().Select(p => (JsonNode)JsonValue.Create(p)!).ToArray())).ToArray()) },
        EntityListShape => new JsonObject { ["entities"] = new JsonArray(EntityListParser.Parse(text).Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()) },
        ChoiceShape => new JsonObject { ["choice"] = text.Trim() },
        RelationDefinitionsShape s => new JsonObject { ["definitions"] = new JsonObject(RelationDefinitionParser.Parse(text, s.Relations.ToList()).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))) },
        _ => throw new InvalidOperationException(),
    }).ToJsonString();

    private static string Embed(JsonNode request)
    {
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        var inputs = Inputs(request);
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = HashingEmbeddingGenerator.Embed(inputs[i], 64);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(t => t.Length / 4);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString();
    }

    /// <summary>The answer form a prompt of our templates asks for.</summary>
    private static OutputShape ShapeOf(string prompt)
    {
        if (prompt.Contains("\nChoices:\n", StringComparison.Ordinal))
        {
            return new ChoiceShape(ChoiceLetter().Matches(prompt).Select(m => m.Groups[1].Value).ToList());
        }

        if (prompt.Contains("Entity list 1:", StringComparison.Ordinal) || prompt.StartsWith("List the named entities", StringComparison.Ordinal))
        {
            return new EntityListShape();
        }

        var relations = LastLine(prompt, "Relations: ");
        return relations.Length > 0 ? new RelationDefinitionsShape(EntityListParser.Parse(relations)) : new TripleListShape();
    }

    private static string LastLine(string prompt, string lead)
    {
        var at = prompt.LastIndexOf("\n" + lead, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var end = prompt.IndexOf('\n', at + 1);
        return (end < 0 ? prompt[(at + 1 + lead.Length)..] : prompt[(at + 1 + lead.Length)..end]).Trim();
    }

    [GeneratedRegex(@"^([A-Z])\. ", RegexOptions.Multiline)]
    private static partial Regex ChoiceLetter();

    [GeneratedRegex(@"The relation '([^']*)'")]
    private static partial Regex QueryRelation();
}
