using EdcKg.Cli.Console;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Tests;

public sealed class CommandLogTests
{
    [Fact]
    public void CommandLog_writes_entries_at_its_level_onto_the_message_stream_with_the_stack_trace()
    {
        using var messages = new StringWriter();
        using var log = new CommandLog(messages, LogLevel.Warning);
        var logger = log.CreateLogger("neo4j");
        Exception error;
        try
        {
            throw new InvalidOperationException("connection refused");
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        logger.LogInformation("not shown");
        logger.LogWarning(error, "writing failed for {Documents} documents", 2);

        var text = messages.ToString();
        Assert.DoesNotContain("not shown", text);
        Assert.Contains(" warn neo4j: writing failed for 2 documents", text);
        Assert.Contains("System.InvalidOperationException: connection refused", text);
        Assert.Contains(nameof(CommandLog_writes_entries_at_its_level_onto_the_message_stream_with_the_stack_trace), text);
    }
}
