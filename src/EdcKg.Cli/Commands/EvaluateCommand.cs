using System.CommandLine;
using EdcKg.Cli.Commands.Options;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg evaluate</c>: scores an EDC output file against its references with the figures of EDC's own evaluation
/// script, printed in that script's layout or as JSON.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var prediction = new Option<FileInfo>("--edc-output")
        {
            Description = "Predicted triples, one Python list of [subject, relation, object] per line (e.g. iter0/canon_kg.txt).",
            Required = true,
        };
        var reference = new Option<FileInfo>("--reference")
        {
            Description = "Gold triples, one Python list per line, in the same order as the predictions.",
            Required = true,
        };
        var maxLengthDiff = new Option<int?>("--max-length-diff")
        {
            Description = "Leave out lines whose predicted and gold triple counts differ by more than this.",
        }.Rule(v => v is < 0 ? $"must be 0 or more, not {v}." : null);
        var json = new Option<bool>("--json")
        {
            Description = "Print the figures as JSON instead of the evaluation script's text layout.",
        };

        var command = new Command("evaluate", "Score predicted triples against references exactly as EDC's evaluation script does, only faster.");
        command.Options.Add(prediction);
        command.Options.Add(reference);
        command.Options.Add(maxLengthDiff);
        command.Options.Add(json);
        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var output = console.Output;
            var error = console.Error;
            var predictionFile = parseResult.GetValue(prediction)!;
            var referenceFile = parseResult.GetValue(reference)!;
            var limit = parseResult.GetValue(maxLengthDiff);
            foreach (var (option, file) in new[] { ("--edc-output", predictionFile), ("--reference", referenceFile) })
            {
                if (!file.Exists)
                {
                    throw new OptionValueException(option, $"file not found: {file.FullName}");
                }
            }

            var input = await EdcOutputReader.ReadAsync(predictionFile.FullName, referenceFile.FullName, limit, cancellationToken).ConfigureAwait(false);
            var report = new EdcScorer().Score(input.Entries, cancellationToken);
            if (report.Entries == 0)
            {
                // The evaluation script stops with an error here; a zero report says plainly that nothing scored.
                await error.WriteLineAsync(
                    $"No line was scored ({input.Rejected.Count} of {input.PredictionLines} prediction lines are not lists of string triples, {input.SkippedByLengthDifference.Count} left out by --max-length-diff): every figure is zero.")
                    .ConfigureAwait(false);
            }
            else if (input.Rejected.Count > 0 && !parseResult.GetValue(json))
            {
                await error.WriteLineAsync($"{input.Rejected.Count} prediction line(s) skipped with their reference lines (not lists of string triples), first at line {input.Rejected[0].Line}: {input.Rejected[0].Reason}").ConfigureAwait(false);
            }

            var text = parseResult.GetValue(json) ? EvaluationReportJson.Write(report, input) + "\n" : ReferenceReportFormat.Write(report);
            await output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }
}
