using System.CommandLine;
using EdcKg.OpenAi;

namespace EdcKg.Cli.Commands.Options;

/// <summary>How to reach OpenAI-compatible servers, bound to <see cref="RemoteOptions"/>.</summary>
internal sealed class RemoteOptionGroup : IOptionGroup<RemoteOptions>
{
    public Option<string[]> LlmEndpoint { get; } = new Option<string[]>("--llm-endpoint") { Description = "URL of an OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama, a hosted API), such as http://gpu1:8000/v1; repeat it for several replicas. Model names that are not local files are then the server's model names; openai:MODEL always is. API key from EDCKG_API_KEY or OPENAI_API_KEY." }
        .Rule(urls => (urls ?? []).Select(EndpointProblem).FirstOrDefault(p => p is not null));

    public Option<int> EndpointConcurrency { get; } = new Option<int>("--endpoint-concurrency") { Description = "Requests in flight at once per endpoint (requests go to the least busy one).", DefaultValueFactory = _ => 8 }.AtLeast(1);

    public Option<double> RequestTimeout { get; } = new Option<double>("--request-timeout") { Description = "Seconds one request attempt may take before it is retried.", DefaultValueFactory = _ => 120 }.PositiveSeconds();

    public Option<int> MaxRetries { get; } = new Option<int>("--max-retries") { Description = "Retries of a failed request (429, 5xx, timeout, malformed answer) before its document is marked failed.", DefaultValueFactory = _ => 5 }.AtLeast(0);

    public Option<double> RetryDelay { get; } = new Option<double>("--retry-delay") { Description = "Seconds before the first retry; doubled each retry, with jitter; a server's Retry-After wins when longer.", DefaultValueFactory = _ => 1 }.PositiveSeconds();

    public Option<bool> StructuredOutput { get; } = new("--structured-output") { Description = "Ask remote models for JSON that follows a schema of each answer's form (vLLM, SGLang, llama.cpp server, OpenAI support it)." };

    public IEnumerable<Option> Options => [LlmEndpoint, EndpointConcurrency, RequestTimeout, MaxRetries, RetryDelay, StructuredOutput];

    public RemoteOptions Bind(ParseResult result) => new()
    {
        Endpoints = (result.GetValue(LlmEndpoint) ?? []).Select(RemoteOptions.ParseEndpoint).ToList(),
        ConcurrencyPerEndpoint = result.GetValue(EndpointConcurrency),
        RequestTimeout = TimeSpan.FromSeconds(result.GetValue(RequestTimeout)),
        MaxRetries = result.GetValue(MaxRetries),
        RetryDelay = TimeSpan.FromSeconds(result.GetValue(RetryDelay)),
        StructuredOutput = result.GetValue(StructuredOutput),
        ApiKey = RemoteOptions.ApiKeyFromEnvironment(),
    };

    private static string? EndpointProblem(string url)
    {
        try
        {
            RemoteOptions.ParseEndpoint(url);
            return null;
        }
        catch (ArgumentException)
        {
            return $"--llm-endpoint: '{url}' is not an http(s) URL such as http://localhost:8000/v1.";
        }
    }
}
