using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Console;

/// <summary>
/// Logging onto a command's message stream (<see cref="CommandConsole.Error"/>), one line per entry with the time,
/// level and category, and an exception's stack trace below it; so logs never mix with a command's results, and
/// tests capture them like any other message.
/// </summary>
public sealed class CommandLog(TextWriter writer, LogLevel minimum, TimeProvider? time = null) : ILoggerProvider
{
    private readonly object gate = new();
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    private LogLevel Minimum { get; } = minimum;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{clock.GetLocalNow():HH:mm:ss} {Short(level)} {category}: {message}");
        lock (gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }
        }
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(CommandLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= log.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
