namespace EdcKg.Review;

/// <summary>How <c>edckg serve</c> serves a run.</summary>
/// <param name="RunDirectory">The run's output folder (the <c>--output-dir</c> of <c>edckg run</c>).</param>
/// <param name="Host">The address to bind; loopback unless the user names another one.</param>
/// <param name="Port">The port (0: any free port, as tests use).</param>
/// <param name="User">Who the corrections made through this server are recorded as.</param>
public sealed record ReviewOptions(string RunDirectory, string Host = ReviewOptions.DefaultHost, int Port = ReviewOptions.DefaultPort, string User = "")
{
    /// <summary>The default address: this machine only.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 5173;

    /// <summary>The clock corrections are stamped with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The recorded user: the one given, else the operating system's user name.</summary>
    public string EffectiveUser => string.IsNullOrWhiteSpace(User) ? Environment.UserName : User.Trim();
}
