using System.CommandLine;
using System.Text.Json;
using EdcKg.Cli;

namespace EdcKg.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("edckg-evaluate-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Evaluate_prints_the_reference_layout_with_perfect_scores_for_identical_files()
    {
        var prediction = Write("pred.txt", "[['Alan Bean', 'birthPlace', 'Wheeler, Texas']]", "[['a', 'b', 'c'], ['d', 'e', 'f']]");
        var reference = Write("gold.txt", "[['Alan Bean', 'birthPlace', 'Wheeler, Texas']]", "[['a', 'b', 'c'], ['d', 'e', 'f']]");

        var (exitCode, output, _) = await Run("evaluate", "--edc-output", prediction, "--reference", reference);

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = output.Split('\n');
        Assert.Equal("Total scores", lines[1]);
        Assert.Equal("Correct: 9 Incorrect: 0 Partial: 0 Missed: 0", lines[4]);
        Assert.Equal("Precision: 1.0 Recall: 1.0", lines[6]);
        Assert.Equal(["Full triple scores", "-----------------------------------------------------------------", "Precision: 1.0 Recall: 1.0", "F1: 1.0", ""], lines[^5..]);
    }

    [Fact]
    public async Task Evaluate_json_reports_counts_rejected_lines_and_alignments()
    {
        var prediction = Write("pred.txt", "[['x', 'y', 'z'], ['a', 'b', 'c']]", "oops");
        var reference = Write("gold.txt", "[['a', 'b', 'c'], ['x', 'y', 'z']]", "[['a', 'b', 'c']]");

        var (exitCode, output, _) = await Run("evaluate", "--edc-output", prediction, "--reference", reference, "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("entries").GetInt32());
        Assert.Equal(2, root.GetProperty("rejected_lines")[0].GetProperty("line").GetInt32());
        Assert.Equal(6, root.GetProperty("total").GetProperty("strict").GetProperty("correct").GetInt32());
        Assert.Equal(1.0, root.GetProperty("per_tag").GetProperty("OBJ").GetProperty("exact").GetProperty("f1").GetDouble());
        Assert.Equal([1, 0], root.GetProperty("alignments")[0].GetProperty("reference_index").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Evaluate_gives_an_explicit_zero_report_when_no_line_is_accepted()
    {
        var prediction = Write("pred.txt", "I could not extract anything.");
        var reference = Write("gold.txt", "[['a', 'b', 'c']]");

        var (exitCode, output, error) = await Run("evaluate", "--edc-output", prediction, "--reference", reference);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("No line was scored", error, StringComparison.Ordinal);
        Assert.Contains("Correct: 0 Incorrect: 0 Partial: 0 Missed: 0\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_refuses_a_prediction_file_longer_than_its_reference()
    {
        var prediction = Write("pred.txt", "[['a', 'b', 'c']]", "[['a', 'b', 'c']]");
        var reference = Write("gold.txt", "[['a', 'b', 'c']]");

        var (exitCode, output, error) = await Run("evaluate", "--edc-output", prediction, "--reference", reference);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Empty(output);
        Assert.Contains("pred.txt:2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_names_the_option_of_a_missing_file()
    {
        var reference = Write("gold.txt", "[['a', 'b', 'c']]");

        var (exitCode, _, error) = await Run("evaluate", "--edc-output", Path.Combine(_folder.FullName, "nope.txt"), "--reference", reference);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--edc-output", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_rejects_a_negative_length_difference()
    {
        var file = Write("gold.txt", "[['a', 'b', 'c']]");

        var (exitCode, _, error) = await Run("evaluate", "--edc-output", file, "--reference", file, "--max-length-diff", "-1");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--max-length-diff", error, StringComparison.Ordinal);
    }
}
