using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdcKg.Evaluation.Scoring;

/// <summary>Writes a report (and what was read) as JSON for machines: numbers as numbers, names in snake case.</summary>
public static class EvaluationReportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON text of the report.</summary>
    public static string Write(EvaluationReport report, EvaluationInput? input = null)
    {
        var root = new JsonObject
        {
            ["entries"] = report.Entries,
        };
        if (input is not null)
        {
            root["prediction_lines"] = input.PredictionLines;
            root["reference_lines"] = input.ReferenceLines;
            root["rejected_lines"] = new JsonArray(input.Rejected.Select(r => (JsonNode)new JsonObject { ["line"] = r.Line, ["reason"] = r.Reason }).ToArray());
            root["skipped_by_length_difference"] = new JsonArray(input.SkippedByLengthDifference.Select(l => (JsonNode)JsonValue.Create(l)).ToArray());
        }

        root["total"] = Schemes(report.Totals);
        var perTag = new JsonObject();
        foreach (var tag in Enum.GetValues<TripleTag>())
        {
            perTag[NerEvaluation.Label(tag)] = Schemes(report.PerTag[(int)tag]);
        }

        root["per_tag"] = perTag;
        root["full_triple"] = new JsonObject
        {
            ["precision"] = report.FullTriple.Precision,
            ["recall"] = report.FullTriple.Recall,
            ["f1"] = report.FullTriple.F1,
        };
        if (input is not null)
        {
            // Which reference triple each (padded) candidate triple was scored against, per scored line.
            root["alignments"] = new JsonArray(input.Entries.Zip(report.Alignments)
                .Select(p => (JsonNode)new JsonObject { ["line"] = p.First.Line, ["reference_index"] = new JsonArray(p.Second.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) })
                .ToArray());
        }

        return root.ToJsonString(Indented);
    }

    private static JsonObject Schemes(IReadOnlyList<SchemeTotals> totals)
    {
        var result = new JsonObject();
        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            var t = totals[(int)scheme];
            result[Name(scheme)] = new JsonObject
            {
                ["correct"] = t.Correct,
                ["incorrect"] = t.Incorrect,
                ["partial"] = t.Partial,
                ["missed"] = t.Missed,
                ["spurious"] = t.Spurious,
                ["possible"] = t.Possible,
                ["actual"] = t.Actual,
                ["precision"] = t.Precision.Value,
                ["recall"] = t.Recall.Value,
                ["f1"] = t.F1.Value,
            };
        }

        return result;
    }

    private static string Name(EvaluationScheme scheme) => scheme switch
    {
        EvaluationScheme.EntType => "ent_type",
        EvaluationScheme.Partial => "partial",
        EvaluationScheme.Strict => "strict",
        _ => "exact",
    };
}
