using System.Text;
using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>Writes a report in the text layout of EDC's evaluation script, line for line, so tools that read it keep working.</summary>
public static class ReferenceReportFormat
{
    private const string Rule = "-----------------------------------------------------------------";

    private static readonly string[] SchemeNames = ["Ent_type", "Partial", "Strict", "Exact"];

    private static readonly string[] TagNames = ["Subjects", "Predicates", "Objects"];

    /// <summary>The report text, ending with a newline.</summary>
    public static string Write(EvaluationReport report)
    {
        var text = new StringBuilder();
        text.Append(Rule).Append('\n');
        text.Append("Total scores\n");
        text.Append(Rule).Append('\n');
        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            AppendScheme(text, scheme, report.Total(scheme));
        }

        text.Append("Scores per tag\n");
        text.Append(Rule).Append('\n');
        foreach (var tag in Enum.GetValues<TripleTag>())
        {
            text.Append(TagNames[(int)tag]).Append('\n');
            text.Append(Rule).Append('\n');
            foreach (var scheme in Enum.GetValues<EvaluationScheme>())
            {
                AppendScheme(text, scheme, report.For(tag, scheme));
            }
        }

        text.Append("Full triple scores\n");
        text.Append(Rule).Append('\n');
        text.Append("Precision: ").Append(PythonNumbers.FormatFloat(report.FullTriple.Precision))
            .Append(" Recall: ").Append(PythonNumbers.FormatFloat(report.FullTriple.Recall)).Append('\n');
        text.Append("F1: ").Append(PythonNumbers.FormatFloat(report.FullTriple.F1)).Append('\n');
        return text.ToString();
    }

    private static void AppendScheme(StringBuilder text, EvaluationScheme scheme, SchemeTotals totals)
    {
        text.Append(SchemeNames[(int)scheme]).Append('\n');
        text.Append("Correct: ").Append(totals.Correct)
            .Append(" Incorrect: ").Append(totals.Incorrect)
            .Append(" Partial: ").Append(totals.Partial)
            .Append(" Missed: ").Append(totals.Missed).Append('\n');
        text.Append("Spurious: ").Append(totals.Spurious)
            .Append(" Possible: ").Append(totals.Possible)
            .Append(" Actual: ").Append(totals.Actual).Append('\n');
        text.Append("Precision: ").Append(PythonNumbers.Format(totals.Precision))
            .Append(" Recall: ").Append(PythonNumbers.Format(totals.Recall)).Append('\n');
        text.Append("F1: ").Append(PythonNumbers.Format(totals.F1)).Append('\n');
        text.Append(Rule).Append('\n');
    }
}
