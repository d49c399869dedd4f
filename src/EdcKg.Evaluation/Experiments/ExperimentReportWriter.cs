using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdcKg.Evaluation.Scoring;
using EdcKg.Core.Outputs;

namespace EdcKg.Evaluation.Experiments;

/// <summary>
/// Writes an experiment's comparison: <c>report.md</c> (tables to paste into a paper draft), <c>report.json</c>
/// (every figure and each run's manifest), <c>chart.svg</c> (precision, recall and F1 per scheme and configuration)
/// and each run's <c>manifest.json</c> in its folder.
/// </summary>
public static class ExperimentReportWriter
{
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the report files into <paramref name="outputDirectory"/>.</summary>
    public static async Task WriteAsync(string outputDirectory, string benchmarkName, IReadOnlyList<ExperimentRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            var manifest = new JsonObject();
            foreach (var (key, value) in run.Manifest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                manifest[key] = value;
            }

            await AtomicFile.WriteAllTextAsync(Path.Combine(run.OutputDirectory, "manifest.json"), manifest.ToJsonString(Indented) + "\n", cancellationToken).ConfigureAwait(false);
        }

        await AtomicFile.WriteAllTextAsync(Path.Combine(outputDirectory, "report.md"), Markdown(benchmarkName, runs), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(outputDirectory, "report.json"), Json(benchmarkName, runs), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(outputDirectory, "chart.svg"), Chart(benchmarkName, runs), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Markdown report.</summary>
    public static string Markdown(string benchmarkName, IReadOnlyList<ExperimentRun> runs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {benchmarkName}: {runs.Count} configuration(s)\n\n");
        text.Append("Scores of the last iteration with EDC's evaluation (nervaluate schemes; precision, recall and F1 are the mean over aligned triple pairs).\n\n");
        text.Append("| Configuration | Documents scored |");
        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            text.Append(CultureInfo.InvariantCulture, $" {SchemeName(scheme)} P | {SchemeName(scheme)} R | {SchemeName(scheme)} F1 |");
        }

        text.Append(" Full triple F1 |\n|---|---:|");
        text.Append(string.Concat(Enumerable.Repeat("---:|", 13))).Append('\n');
        foreach (var run in runs)
        {
            if (run.Report is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {run.Name} | failed |").Append(string.Concat(Enumerable.Repeat(" – |", 13))).Append('\n');
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"| {run.Name} | {run.Report.Entries} |");
            foreach (var scheme in Enum.GetValues<EvaluationScheme>())
            {
                var t = run.Report.Total(scheme);
                text.Append(CultureInfo.InvariantCulture, $" {t.Precision.Value:F3} | {t.Recall.Value:F3} | {t.F1.Value:F3} |");
            }

            text.Append(CultureInfo.InvariantCulture, $" {run.Report.FullTriple.F1:F3} |\n");
        }

        text.Append("\n| Configuration | Documents | Iterations | Canonical triples | Schema size | Unparsed answers | Rejected lines |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var run in runs)
        {
            var s = run.Summary;
            var rejected = run.Input is null ? "–" : run.Input.Rejected.Count.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"| {run.Name} | {s.Documents} | {s.Iterations} | {s.CanonicalTriples} | {s.SchemaSize} | {s.UnparsedAnswers} | {rejected} |\n");
        }

        var failed = runs.Where(r => r.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            text.Append("\n## Failed configurations\n\nNot scored: their last iteration is incomplete.\n\n");
            foreach (var run in failed)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {run.Name}: {run.Failure}\n");
            }
        }

        text.Append("\n![P/R/F1 per scheme and configuration](chart.svg)\n\n## Run manifests\n");
        foreach (var run in runs)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### {run.Name}\n\n");
            foreach (var (key, value) in run.Manifest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{key}`: `{value.Replace("`", "'", StringComparison.Ordinal)}`\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The JSON report: every figure of every run, with its manifest.</summary>
    public static string Json(string benchmarkName, IReadOnlyList<ExperimentRun> runs)
    {
        var array = new JsonArray();
        foreach (var run in runs)
        {
            JsonObject? scores = null;
            if (run.Report is not null && run.Input is not null)
            {
                scores = JsonNode.Parse(EvaluationReportJson.Write(run.Report, run.Input))!.AsObject();
                scores.Remove("alignments");
            }

            var manifest = new JsonObject();
            foreach (var (key, value) in run.Manifest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                manifest[key] = value;
            }

            array.Add(new JsonObject
            {
                ["name"] = run.Name,
                ["output_directory"] = run.OutputDirectory,
                ["summary"] = JsonSerializer.SerializeToNode(run.Summary),
                ["failure"] = run.Failure,
                ["scores"] = scores,
                ["manifest"] = manifest,
            });
        }

        return new JsonObject { ["benchmark"] = benchmarkName, ["runs"] = array }.ToJsonString(Indented) + "\n";
    }

    /// <summary>A grouped bar chart: for each scheme and measure, one bar per configuration, on a 0–1 scale.</summary>
    public static string Chart(string benchmarkName, IReadOnlyList<ExperimentRun> runs)
    {
        // A failed configuration has no scores to draw; the Markdown report names it.
        runs = runs.Where(r => r.Report is not null).ToList();
        const int left = 50;
        const int top = 40;
        const int plotHeight = 240;
        const int barWidth = 12;
        const int gap = 14;
        var groupWidth = (runs.Count * barWidth) + gap;
        var groups = Enum.GetValues<EvaluationScheme>().SelectMany(s => new[] { (s, "P"), (s, "R"), (s, "F1") }).ToList();
        var width = left + (groups.Count * groupWidth) + 20;
        var legendTop = top + plotHeight + 50;
        var height = legendTop + (runs.Count * 18) + 10;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"20\" font-size=\"14\">{WebUtility.HtmlEncode(benchmarkName)}: precision, recall and F1 per scheme</text>\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = top + plotHeight - (tick * plotHeight / 4);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{width - 20}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{tick * 0.25:0.00}</text>\n");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var (scheme, measure) = groups[g];
            var x0 = left + (g * groupWidth) + (gap / 2);
            for (var r = 0; r < runs.Count; r++)
            {
                var t = runs[r].Report!.Total(scheme);
                var value = measure switch { "P" => t.Precision.Value, "R" => t.Recall.Value, _ => t.F1.Value };
                var barHeight = value * plotHeight;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0 + (r * barWidth)}\" y=\"{top + plotHeight - barHeight:F1}\" width=\"{barWidth - 1}\" height=\"{barHeight:F1}\" fill=\"{Palette[r % Palette.Length]}\"><title>{WebUtility.HtmlEncode(runs[r].Name)} {SchemeName(scheme)} {measure} {value:F3}</title></rect>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + (runs.Count * barWidth / 2)}\" y=\"{top + plotHeight + 14}\" text-anchor=\"middle\">{measure}</text>\n");
            if (measure == "R")
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + (runs.Count * barWidth / 2)}\" y=\"{top + plotHeight + 30}\" text-anchor=\"middle\" font-weight=\"bold\">{SchemeName(scheme)}</text>\n");
            }
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var y = legendTop + (r * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{Palette[r % Palette.Length]}\"/><text x=\"{left + 18}\" y=\"{y + 10}\">{WebUtility.HtmlEncode(runs[r].Name)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string SchemeName(EvaluationScheme scheme) => scheme switch
    {
        EvaluationScheme.EntType => "Ent_type",
        EvaluationScheme.Partial => "Partial",
        EvaluationScheme.Strict => "Strict",
        _ => "Exact",
    };
}
