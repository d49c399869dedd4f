using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// The run manifest: hashes of the inputs and prompts, the models and the options that shape the results. A run
/// resumes only into a folder whose manifest agrees; entries under <c>info.</c> (such as the iteration count, which
/// may grow, or the parallelism) are recorded but do not have to agree.
/// </summary>
public static class RunManifest
{
    /// <summary>Builds the manifest of a run.</summary>
    public static Dictionary<string, string> Create(
        IReadOnlyList<Document> corpus,
        IReadOnlyList<SchemaRelation> targetSchema,
        EdcPrompts prompts,
        EdcSettings settings,
        IReadOnlyDictionary<ModelRole, string> models,
        IReadOnlyDictionary<string, string>? sources = null)
    {
        var manifest = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["corpus.sha256"] = Hash(corpus.Select(d => d.Id + "\u0001" + d.Text)),
            ["corpus.documents"] = corpus.Count.ToString(CultureInfo.InvariantCulture),
            ["schema.sha256"] = Hash(targetSchema.Select(r => r.Name + "\u0001" + r.Definition)),
            ["schema.relations"] = targetSchema.Count.ToString(CultureInfo.InvariantCulture),
            ["option.enrich_schema"] = (settings.EnrichSchema || targetSchema.Count == 0).ToString(),
            ["option.sc_top_k"] = settings.CanonicalizationTopK.ToString(CultureInfo.InvariantCulture),
            ["option.sr_top_k"] = settings.RetrievedRelations.ToString(CultureInfo.InvariantCulture),
            ["option.seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["option.max_tokens"] = string.Join(',', settings.OpenExtractionMaxTokens, settings.SchemaDefinitionMaxTokens, settings.VerifierMaxTokens, settings.EntityMaxTokens),
            ["info.refinement_iterations"] = settings.RefinementIterations.ToString(CultureInfo.InvariantCulture),
            ["info.parallelism"] = settings.Parallelism.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, text) in prompts.All())
        {
            manifest["prompt." + name + ".sha256"] = Hash([text]);
        }

        foreach (var (role, identity) in models)
        {
            if (role is not (ModelRole.EntityResolution or ModelRole.EntityResolutionEmbedder))
            {
                manifest["model." + role.Label()] = identity;
            }
        }

        // Entity resolution runs after canonicalization and keeps its own decisions: its entries ("er.") may join a
        // finished run, or be left out by a later one, without changing the run (see EnsureCompatible, RunIdOf).
        if (settings.EntityResolution is { } resolution)
        {
            manifest["er.top_k"] = resolution.TopK.ToString(CultureInfo.InvariantCulture);
            manifest["er.seed"] = resolution.Seed.ToString(CultureInfo.InvariantCulture);
            manifest["er.model.er"] = models.GetValueOrDefault(ModelRole.EntityResolution) ?? models.GetValueOrDefault(ModelRole.SchemaCanonicalization) ?? "(none)";
            manifest["er.model.er_embedder"] = models.GetValueOrDefault(ModelRole.EntityResolutionEmbedder) ?? models.GetValueOrDefault(ModelRole.CanonicalizationEmbedder) ?? "(none)";
            if (prompts.EntityResolution is { } template)
            {
                manifest["er.prompt.er_template.sha256"] = Hash([template.Text]);
            }
        }

        foreach (var (name, value) in sources ?? new Dictionary<string, string>())
        {
            manifest["info.source." + name] = value;
        }

        return manifest;
    }

    /// <summary>Fails when <paramref name="stored"/> and <paramref name="current"/> disagree on an entry that shapes results.</summary>
    public static void EnsureCompatible(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> current, string storePath)
    {
        var differences = current.Keys.Union(stored.Keys)
            .Where(k => !k.StartsWith("info.", StringComparison.Ordinal))
            // Refinement prompts join the manifest when a later run asks for more iterations.
            .Where(k => stored.ContainsKey(k) || !k.StartsWith("prompt.", StringComparison.Ordinal))
            // Entity resolution may be turned on or off; when it stays on its entries must agree.
            .Where(k => !k.StartsWith("er.", StringComparison.Ordinal) || (stored.ContainsKey(k) && current.ContainsKey(k)))
            .Where(k => stored.GetValueOrDefault(k) != current.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differences.Count == 0)
        {
            return;
        }

        var lines = differences.Select(k => $"  {k}: stored '{stored.GetValueOrDefault(k) ?? "(none)"}', now '{current.GetValueOrDefault(k) ?? "(none)"}'");
        // When only the corpus changed, the run can follow it.
        var onlyCorpus = differences.All(k => k.StartsWith("corpus.", StringComparison.Ordinal));
        throw new RunMismatchException(
            $"{storePath}: this output folder holds a run with other inputs, prompts, models or options, so it cannot be resumed:\n{string.Join('\n', lines)}\n"
            + (onlyCorpus
                ? "The corpus changed: add --update to process only the changed, new and removed documents, or use another --output-dir for a new run."
                : "Use another --output-dir, or the same inputs and options to resume."));
    }

    /// <summary>The entry that keeps a run's id across updates (its corpus hash, and so its computed id, changes).</summary>
    public const string RunIdKey = "info.run_id";

    /// <summary>
    /// Fails when <paramref name="stored"/> and <paramref name="current"/> disagree on anything but the corpus: an
    /// update (<c>--update</c>) takes another corpus, but the models, prompts and options of the run it updates.
    /// </summary>
    public static void EnsureUpdatable(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> current, string storePath)
    {
        static Dictionary<string, string> WithoutCorpus(IReadOnlyDictionary<string, string> manifest)
            => manifest.Where(p => !p.Key.StartsWith("corpus.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        try
        {
            EnsureCompatible(WithoutCorpus(stored), WithoutCorpus(current), storePath);
        }
        catch (RunMismatchException e)
        {
            throw new RunMismatchException(e.Message.Replace(
                "so it cannot be resumed:", "so --update cannot apply (an update keeps the run's models, prompts and options; only the corpus may change):", StringComparison.Ordinal)
                .Replace("Use another --output-dir, or the same inputs and options to resume.", "Start a new run with another --output-dir, or update with the options the run was made with.", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// A short stable id of the run: the hash of the manifest entries that shape its results, or the id it had
    /// before its first update (<see cref="RunIdKey"/>).
    /// </summary>
    public static string RunIdOf(IReadOnlyDictionary<string, string> manifest)
        => manifest.TryGetValue(RunIdKey, out var kept) ? kept : Hash(manifest.Where(p => !p.Key.StartsWith("info.", StringComparison.Ordinal) && !p.Key.StartsWith("prompt.oie_r", StringComparison.Ordinal) && !p.Key.StartsWith("prompt.e", StringComparison.Ordinal) && !p.Key.StartsWith("er.", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value))[..16];

    private static string Hash(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
