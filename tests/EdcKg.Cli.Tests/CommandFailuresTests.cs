using System.CommandLine;
using EdcKg.Cli.Commands;
using EdcKg.Core.Inputs;

namespace EdcKg.Cli.Tests;

public sealed class CommandFailuresTests
{
    [Fact]
    public async Task An_ArgumentException_is_a_bug_with_its_stack_trace_and_exit_code_one()
    {
        var (code, error) = await InvokeThrowing(new ArgumentException("count must be positive", "count"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("edckg: error: count must be positive", error);
        Assert.Contains("a bug in edckg", error);
        Assert.Contains("System.ArgumentException", error);
        Assert.Contains(" at ", error);
    }

    [Fact]
    public async Task A_user_error_is_bad_input_with_its_message_only()
    {
        var (code, error) = await InvokeThrowing(new InputException("corpus.txt:3: invalid JSON."));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("edckg: error: corpus.txt:3: invalid JSON." + Environment.NewLine, error);
    }

    [Fact]
    public async Task A_failure_outside_the_input_is_exit_code_one_with_the_commands_hint_and_no_stack_trace()
    {
        var (code, error) = await InvokeThrowing(new IOException("No space left on device"), "Run the same command again to resume.");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("edckg: error: No space left on device. Run the same command again to resume." + Environment.NewLine, error);
    }

    [Fact]
    public async Task An_interruption_is_exit_code_130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var command = CommandAction.Set(new Command("probe"), (_, _, ct) => Task.FromException<int>(new OperationCanceledException(ct)), "Run it again.");
        var root = new RootCommand { command };
        using var error = new StringWriter();

        var code = await root.Parse(["probe"]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error }, cancelled.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("edckg: interrupted. Run it again.", error.ToString());
    }

    [Theory]
    [InlineData("evaluate", "--edc-output", "/no/such/pred.txt", "--reference", "/no/such/ref.txt")]
    [InlineData("quantize", "/no/such/in.gguf", "/no/such/out.gguf")]
    [InlineData("embed", "--model", "/no/such/model.gguf")]
    public async Task Every_command_reports_bad_input_with_the_tools_prefix(params string[] args)
    {
        var (code, _, error) = await CliRunner.InvokeAsync(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("edckg: error: ", error);
        Assert.Contains("/no/such/", error);
    }

    private static async Task<(int Code, string Error)> InvokeThrowing(Exception exception, string? hint = null)
    {
        var command = CommandAction.Set(new Command("probe"), (_, _, _) => Task.FromException<int>(exception), hint);
        var root = new RootCommand { command };
        using var error = new StringWriter();
        var code = await root.Parse(["probe"]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        return (code, error.ToString());
    }
}
