using EdcKg.Cli.ModelResolution;
using EdcKg.Cli.Console;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.OpenAi;

namespace EdcKg.Cli.Commands;

/// <summary>What a run or a merge can fail with, as a message and an exit code, in one place.</summary>
internal static class PipelineFailures
{
    private const string Resumable = "Everything finished so far is saved; run the same command again to resume.";

    /// <summary>Reports <paramref name="error"/> and gives its exit code; false for errors that are not expected.</summary>
    public static bool TryReport(Exception error, CommandConsole console, CancellationToken cancellationToken, out int exitCode)
    {
        (exitCode, var message) = error switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Interrupted, "interrupted. " + Resumable),
            RemoteEndpointException => (ExitCodes.Failure, error.Message),
            ModelUnavailableException => (ExitCodes.Failure, $"{error.Message}. {Resumable}"),
            EdcKg.LlamaCpp.LlamaException => (ExitCodes.Failure, $"the local model failed: {error.Message}. {Resumable}"),
            InputException or PromptTemplateException or RunMismatchException or ModelOpenException or OptionValueException or ArgumentException or FileNotFoundException
                => (ExitCodes.BadInput, error.Message),
            _ => (0, null),
        };
        if (message is null)
        {
            return false;
        }

        if (exitCode == ExitCodes.Interrupted)
        {
            console.Error.WriteLine("edckg: " + message);
        }
        else
        {
            console.Fail(message);
        }

        return true;
    }
}
