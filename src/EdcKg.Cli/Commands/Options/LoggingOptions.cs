using System.CommandLine;
using EdcKg.Cli.Console;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Commands.Options;

/// <summary>How much a command logs, bound to a <see cref="LogLevel"/>.</summary>
internal sealed class LoggingOptions : IOptionGroup<LogLevel>
{
    public Option<bool> LoggingVerbose { get; } = new("--logging-verbose") { Description = "Log at information level." };

    public Option<bool> LoggingDebug { get; } = new("--logging-debug") { Description = "Log at debug level." };

    public Option<LogLevel?> LogLevelOption { get; } = new("--loglevel") { Description = "Log level (Trace, Debug, Information, Warning, Error)." };

    public IEnumerable<Option> Options => [LoggingVerbose, LoggingDebug, LogLevelOption];

    public LogLevel Bind(ParseResult result)
        => result.GetValue(LogLevelOption) ?? (result.GetValue(LoggingDebug) ? LogLevel.Debug : result.GetValue(LoggingVerbose) ? LogLevel.Information : LogLevel.Warning);

    /// <summary>Logging at <paramref name="level"/> onto the command's message stream.</summary>
    public static ILoggerFactory CreateLoggerFactory(LogLevel level, CommandConsole console)
        => LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddProvider(new CommandLog(console.Error, level)));
}
