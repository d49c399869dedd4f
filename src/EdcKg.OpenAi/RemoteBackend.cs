using System.ClientModel;
using System.ClientModel.Primitives;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using OpenAI;

namespace EdcKg.OpenAi;

/// <summary>
/// Opens models served by OpenAI-compatible servers through Semantic Kernel's OpenAI connector, all over one
/// <see cref="EndpointPool"/> and one retrying HTTP layer (<see cref="PooledRetryHandler"/>; the OpenAI client's own
/// retries are switched off so that one policy decides). Chat models are registered with SK's
/// <c>AddOpenAIChatClient</c> and taken from the kernel as <see cref="IChatClient"/>; embedders are built as SK's
/// <c>AddOpenAIEmbeddingGenerator</c> builds them. In SK 1.82 both route to the Microsoft.Extensions.AI adapters of
/// the OpenAI client, which report token usage (SK's older <c>OpenAIChatCompletionService</c> seen through
/// <c>AsChatClient()</c> does not).
/// <para>
/// Which names are remote: <c>openai:MODEL</c> always names the served model MODEL; and when <c>--llm-endpoint</c>
/// is given, a name that is not an existing file or folder is the served model's name as is (such as
/// <c>Qwen/Qwen2.5-7B-Instruct</c>). Every endpoint is expected to serve every remote model of the run.
/// </para>
/// </summary>
public sealed class RemoteBackend : IDisposable
{
    /// <summary>The prefix that marks a served model's name.</summary>
    public const string Scheme = "openai:";

    private readonly RemoteOptions options;
    private readonly HttpClient http;
    private readonly OpenAIClient client;

    /// <summary>
    /// Creates the backend; nothing is contacted until a model is asked. Retries, timeouts and cool-downs wait on
    /// <paramref name="time"/> (the system clock when null).
    /// </summary>
    public RemoteBackend(RemoteOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        this.options = options;
        Pool = new EndpointPool(options.Endpoints.Count > 0 ? options.Endpoints : [RemoteOptions.OpenAiApi], options.ConcurrencyPerEndpoint, time);
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = options.ConcurrencyPerEndpoint };
        http = new HttpClient(new PooledRetryHandler(Pool, options, sockets, loggerFactory?.CreateLogger("edckg.remote"), time))
        {
            // Each attempt has its own timeout in the handler; the whole request may take several.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client = new OpenAIClient(
            new ApiKeyCredential(options.ApiKey ?? "no-key"),
            new OpenAIClientOptions
            {
                Endpoint = PooledRetryHandler.PoolAddress,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = TimeSpan.FromDays(1),
            });
    }

    /// <summary>The endpoints and their counters.</summary>
    public EndpointPool Pool { get; }

    /// <summary>Whether <paramref name="name"/> names a served model (see the class remarks for the rule).</summary>
    public bool Serves(string name)
        => name.StartsWith(Scheme, StringComparison.Ordinal) || (options.Endpoints.Count > 0 && !File.Exists(name) && !Directory.Exists(name));

    /// <summary>The served model's name in <paramref name="name"/> (without <c>openai:</c>), or null when it names none.</summary>
    public static string? ServedName(string name)
    {
        var model = name.StartsWith(Scheme, StringComparison.Ordinal) ? name[Scheme.Length..] : name;
        return string.IsNullOrWhiteSpace(model) ? null : model;
    }

    /// <summary>The chat model <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> names no model (see <see cref="ServedName(string)"/>).</exception>
    public IChatClient OpenChat(string name)
    {
        var model = RequireServedName(name);
        var kernel = Kernel.CreateBuilder().AddOpenAIChatClient(model, client).Build();
        return new RemoteChatClient(kernel.GetRequiredService<IChatClient>(), model, options.StructuredOutput);
    }

    /// <summary>The embedding model <paramref name="name"/>, with the prompts configured for it.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> names no model (see <see cref="ServedName(string)"/>).</exception>
    public IEmbeddingGenerator<string, Embedding<float>> OpenEmbedder(string name, EmbeddingPrompts? prompts = null)
    {
        var model = RequireServedName(name);
        // What SK's AddOpenAIEmbeddingGenerator registers; that method is still marked experimental (SKEXP0010).
        return new RemoteEmbeddingGenerator(client.GetEmbeddingClient(model).AsIEmbeddingGenerator(), prompts);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        Pool.Dispose();
    }

    private static string RequireServedName(string name)
        => ServedName(name) ?? throw new ArgumentException($"'{name}' names no served model: write openai:MODEL, with MODEL as the server knows it.", nameof(name));
}
