using System.Globalization;
using System.Text.Json;
using EdcKg.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace EdcKg.OpenAi;

/// <summary>
/// The HTTP layer under the OpenAI client: every attempt of a request takes a slot on the least busy endpoint of the
/// pool, gets <see cref="RemoteOptions.RequestTimeout"/> to answer, and is retried with exponential backoff and
/// jitter on 408, 429, 5xx, timeouts, broken connections and answers that are not JSON, waiting as long as a
/// <c>Retry-After</c> header asks instead when there is one. When the retries are spent (or the server rejects the
/// request itself, 400/413/422) it throws <see cref="ModelUnavailableException"/>, which fails the document, not the
/// run; 401, 403 and 404 stop the run with <see cref="RemoteEndpointException"/>. The slot is given back while waiting
/// to retry. The retries are a Polly pipeline, and every wait and timeout runs on the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class PooledRetryHandler : DelegatingHandler
{
    /// <summary>The address the OpenAI client is configured with; the handler swaps it for a pool endpoint.</summary>
    public static readonly Uri PoolAddress = new("http://endpoint-pool.edckg.invalid/");

    private readonly EndpointPool pool;
    private readonly RemoteOptions options;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline<Attempt> retries;

    /// <summary>Creates the handler over <paramref name="inner"/> (the socket handler); <paramref name="time"/> times attempts and waits.</summary>
    public PooledRetryHandler(EndpointPool pool, RemoteOptions options, HttpMessageHandler inner, ILogger? logger = null, TimeProvider? time = null)
        : base(inner)
    {
        this.pool = pool;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        retries = RetryPipeline(options, logger ?? NullLogger.Instance, this.time);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var attempts = 0;
        var outcome = await retries.ExecuteAsync(
            async ct =>
            {
                attempts++;
                return await AttemptAsync(request, body, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return outcome.Response ?? throw new ModelUnavailableException($"{outcome.Failure} (gave up after {attempts} attempts)");
    }

    // The retry loop is Polly's: exponential backoff with jitter from RetryDelay up to MaxRetryDelay, or a server's
    // Retry-After when it gives one (honoured even past MaxRetryDelay), on the handler's TimeProvider.
    private static ResiliencePipeline<Attempt> RetryPipeline(RemoteOptions options, ILogger logger, TimeProvider time)
        => options.MaxRetries == 0 ? ResiliencePipeline<Attempt>.Empty : new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Failure is not null),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    logger.LogWarning("{Failure}; retry {Retry} of {MaxRetries} in {Delay:0.###} s", args.Outcome.Result?.Failure, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>One attempt on the least busy endpoint: its answer, or why it failed (and how long the server asked to wait).</summary>
    private async Task<Attempt> AttemptAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
    {
        // The slot is held for the attempt only, so the wait before a retry leaves it to other requests.
        using var lease = await pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var attemptRequest = Rewrite(request, lease.Endpoint, body);
        using var deadline = new CancellationTokenSource(options.RequestTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await base.SendAsync(attemptRequest, timeout.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var json = response.Content.Headers.ContentType?.MediaType is null or "application/json";
            if (response.IsSuccessStatusCode && (!json || IsJson(answer)))
            {
                return new Attempt(Rebuffer(response, answer), null, null);
            }

            response.Dispose();
            var detail = Detail(answer);
            if (status is 401 or 403 or 404)
            {
                throw new RemoteEndpointException($"{lease.Endpoint.BaseAddress}: HTTP {status} {response.ReasonPhrase} for {request.RequestUri?.AbsolutePath}{detail} (check the API key in EDCKG_API_KEY/OPENAI_API_KEY, the model names and --llm-endpoint).");
            }

            if (status is 400 or 413 or 422)
            {
                throw new ModelUnavailableException($"{lease.Endpoint.BaseAddress} rejected the request: HTTP {status} {response.ReasonPhrase}{detail}");
            }

            lease.MarkFailed();
            var retryAfter = RetryAfterOf(response, time);
            if (retryAfter is { } pause && status is 429 or 503)
            {
                // Other requests keep off this server for as long as it asked.
                pool.CoolDown(lease.Endpoint, pause);
            }

            var failure = response.IsSuccessStatusCode
                ? $"{lease.Endpoint.BaseAddress} answered with malformed JSON"
                : $"{lease.Endpoint.BaseAddress}: HTTP {status} {response.ReasonPhrase}{detail}";
            return new Attempt(null, failure, retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            lease.MarkFailed();
            return new Attempt(null, $"{lease.Endpoint.BaseAddress} did not answer within {options.RequestTimeout.TotalSeconds:0.###} s", null);
        }
        catch (HttpRequestException e)
        {
            lease.MarkFailed();
            return new Attempt(null, $"{lease.Endpoint.BaseAddress}: {e.Message}", null);
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    private HttpRequestMessage Rewrite(HttpRequestMessage request, RemoteEndpoint endpoint, byte[]? body)
    {
        var relative = request.RequestUri!.IsAbsoluteUri ? PoolAddress.MakeRelativeUri(request.RequestUri).ToString() : request.RequestUri.ToString();
        var copy = new HttpRequestMessage(request.Method, new Uri(endpoint.BaseAddress, relative)) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            if (options.ApiKey is null && header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    private static HttpResponseMessage Rebuffer(HttpResponseMessage response, byte[] answer)
    {
        var headers = response.Content.Headers.ToList();
        response.Content = new ByteArrayContent(answer);
        foreach (var header in headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return response;
    }

    private static bool IsJson(byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Detail(byte[] answer)
    {
        var text = System.Text.Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 300)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? string.Empty : ": " + text;
    }

    /// <summary>An attempt's answer, or its failure and the server's Retry-After.</summary>
    private sealed record Attempt(HttpResponseMessage? Response, string? Failure, TimeSpan? RetryAfter);
}
