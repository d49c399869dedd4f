using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdcKg.Cli.Commands;

/// <summary>
/// The configurations of an experiment, read from a JSON file:
/// <c>{"configurations": [{"name": "target-k5", "oie_llm": "models/m.gguf", "sc_embedder": "models/e5", "target_schema": true, "sc_top_k": 5}, ...]}</c>.
/// Other keys: <c>sd_llm</c>, <c>sc_llm</c>, <c>ee_llm</c>, <c>sr_embedder</c> (default: the OIE model / the SC embedder),
/// <c>enrich_schema</c>, <c>refinement_iterations</c>, <c>sr_top_k</c>, <c>seed</c>, <c>parallelism</c>.
/// </summary>
internal sealed record ExperimentPlan(IReadOnlyList<ExperimentPlan.Entry> Configurations)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>One configuration as written in the file.</summary>
    internal sealed record Entry(
        string? Name,
        string? OieLlm,
        string? ScEmbedder,
        bool TargetSchema = true,
        string? SdLlm = null,
        string? ScLlm = null,
        string? EeLlm = null,
        string? SrEmbedder = null,
        bool EnrichSchema = false,
        int RefinementIterations = 0,
        int ScTopK = 5,
        int SrTopK = 10,
        int Seed = 0,
        int Parallelism = 16);

    /// <summary>Reads and checks the plan; every problem names the file and the configuration.</summary>
    public static ExperimentPlan Read(string path)
    {
        ExperimentPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<ExperimentPlan>(File.ReadAllText(path), Options);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new OptionValueException("--config", $"--config {path}: {e.Message}", e);
        }

        if (plan?.Configurations is not { Count: > 0 })
        {
            throw new OptionValueException("--config", $"--config {path}: no configurations (expected {{\"configurations\": [...]}})");
        }

        for (var i = 0; i < plan.Configurations.Count; i++)
        {
            var entry = plan.Configurations[i];
            var where = $"--config {path}: configuration {i + 1}";
            if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.OieLlm) || string.IsNullOrWhiteSpace(entry.ScEmbedder))
            {
                throw new OptionValueException("--config", $"{where}: \"name\", \"oie_llm\" and \"sc_embedder\" are required");
            }

            if (entry.RefinementIterations < 0 || entry.ScTopK < 1 || entry.SrTopK < 1 || entry.Parallelism < 1)
            {
                throw new OptionValueException("--config", $"{where} ({entry.Name}): refinement_iterations must be 0 or more, sc_top_k, sr_top_k and parallelism 1 or more");
            }
        }

        // The runner names each configuration's folder after it; check here so a bad name is the plan's error.
        foreach (var entry in plan.Configurations)
        {
            if (!char.IsAsciiLetterOrDigit(entry.Name![0]) || !entry.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new OptionValueException("--config", $"--config {path}: configuration name '{entry.Name}' must be letters, digits, '-', '_' or '.'");
            }
        }

        var duplicate = plan.Configurations.GroupBy(c => c.Name!, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new OptionValueException("--config", $"--config {path}: configuration name '{duplicate.Key}' is used twice");
        }

        return plan;
    }
}
