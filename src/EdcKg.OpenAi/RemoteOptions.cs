namespace EdcKg.OpenAi;

/// <summary>How to reach OpenAI-compatible servers (vLLM, SGLang, llama.cpp server, Ollama, or a hosted API).</summary>
public sealed record RemoteOptions
{
    /// <summary>The API base of the OpenAI API, used by <c>openai:</c> model names when no endpoint is given.</summary>
    public static readonly Uri OpenAiApi = new("https://api.openai.com/v1/");

    /// <summary>API bases (ending in <c>/v1/</c>), all serving the same models; empty: the OpenAI API.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];

    /// <summary>Requests in flight at once per endpoint.</summary>
    public int ConcurrencyPerEndpoint { get; init; } = 8;

    /// <summary>How long one attempt may take, answer included, before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt, on 429, 5xx, timeouts, broken connections and malformed answers.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff delay; it doubles with every retry (with jitter), and a longer Retry-After wins.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay (a server's Retry-After may ask for more, and is honoured).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether answers are asked for as JSON following a schema of their form (servers with structured output).</summary>
    public bool StructuredOutput { get; init; }

    /// <summary>The API key (from EDCKG_API_KEY or OPENAI_API_KEY), or null for servers that need none. Never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The API key from the environment: EDCKG_API_KEY, else OPENAI_API_KEY.</summary>
    public static string? ApiKeyFromEnvironment()
        => new[] { "EDCKG_API_KEY", "OPENAI_API_KEY" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>
    /// Reads an endpoint given as <c>--llm-endpoint</c>: an http(s) URL of the server or of its API base. A URL
    /// without a path gets <c>/v1</c>, as every OpenAI-compatible server serves the API there.
    /// </summary>
    public static Uri ParseEndpoint(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query))
        {
            throw new ArgumentException($"--llm-endpoint: '{text}' is not an http(s) URL such as http://localhost:8000/v1.");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + (path.Length == 0 ? "/v1" : path) + "/");
    }
}
