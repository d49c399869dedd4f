using System.Diagnostics;
using System.Globalization;
using EdcKg.LlamaCpp;
using EdcKg.LlamaCpp.Quantization;
using TestModels;

namespace EdcKg.Bench;

/// <summary>
/// Makes the realistic-shape benchmark model once and prints its path: a random-weight llama model of a real model's
/// shape (<c>750m</c>: 12 layers, width 2048, 16 heads, feed-forward 5632; <c>7b</c>: 32 layers, width 4096), a
/// 32,000-token vocabulary learned from EDC's REBEL and Wiki-NRE data (not WebNLG, which is measured), written as
/// f16 and quantized to Q4_K_M with our quantizer. The result is kept in a cache folder outside the repository
/// (<c>~/.cache/edckg/test-models</c>, or <c>--dir</c>) and reused.
/// Usage: realistic-model [--shape 750m|7b] [--dir DIR] [--data-dir EDC_DATA] [--check-tokens]
/// </summary>
internal static class RealisticModelBench
{
    // General encyclopaedic sentences plus the triple-list syntax and instructions of the other datasets' prompts, as
    // a real tokenizer has seen English and Python lists; with every training word a piece, EDC's WebNLG OIE prompt
    // takes ~1,000 tokens (961 shared), close to Mistral's ~970.
    private static readonly string[] TrainingFiles =
    [
        "rebel.txt", "wiki-nre.txt",
        "../few_shot_examples/rebel/oie_few_shot_examples.txt", "../few_shot_examples/wiki-nre/oie_few_shot_examples.txt",
        "../few_shot_examples/rebel/sd_few_shot_examples.txt", "../few_shot_examples/wiki-nre/sd_few_shot_examples.txt",
        "../prompt_templates/oie_template.txt", "../prompt_templates/sd_template.txt", "../prompt_templates/sc_template.txt",
    ];

    public static async Task RunAsync(string[] args)
    {
        var shape = Option(args, "--shape") ?? "750m";
        var spec = shape switch
        {
            "750m" => TinyLlamaSpec.Realistic750M,
            "7b" => TinyLlamaSpec.SevenBLike,
            _ => throw new ArgumentException($"--shape: '{shape}' is not 750m or 7b."),
        };
        var folder = Option(args, "--dir") ?? DefaultFolder();
        var data = Option(args, "--data-dir") ?? Path.Combine(RepositoryPaths.SharedEdc, "datasets");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{spec.Name}.Q4_K_M.gguf");
        var clock = Stopwatch.StartNew();
        var training = Option(args, "--train")?.Split(',') ?? TrainingFiles;
        var minFrequency = int.Parse(Option(args, "--min-frequency") ?? "1", CultureInfo.InvariantCulture);
        var vocabulary = RealisticLlamaGguf.Vocabulary(training.Select(f => File.ReadAllText(Path.Combine(data, f))), minFrequency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vocabulary: {vocabulary.Tokens.Count} tokens, {vocabulary.Types.Count(t => t == 1)} of them text pieces ({clock.Elapsed.TotalSeconds:F1} s)"));
        if (args.Contains("--check-tokens"))
        {
            CheckTokens(folder, Path.GetDirectoryName(Path.GetFullPath(data))!, vocabulary);
            return;
        }

        if (File.Exists(target))
        {
            Console.WriteLine(target);
            return;
        }

        var f16 = Path.Combine(folder, $"{spec.Name}.f16.gguf");
        var partial = f16 + ".partial";
        RealisticLlamaGguf.Write(partial, spec, vocabulary);
        File.Move(partial, f16, overwrite: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {f16} ({new FileInfo(f16).Length / (1024.0 * 1024):F0} MiB, {clock.Elapsed.TotalSeconds:F0} s, peak RSS {PeakResidentMegabytes():F0} MB)"));
        await new ModelQuantizer().QuantizeAsync(f16, target, QuantizationType.Parse("Q4_K_M"));
        File.Delete(f16);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quantized to Q4_K_M: {new FileInfo(target).Length / (1024.0 * 1024):F0} MiB ({clock.Elapsed.TotalSeconds:F0} s)"));
        Console.WriteLine(target);
    }

    /// <summary>Where the model is cached: beside other caches of the user, never inside the repository.</summary>
    public static string DefaultFolder() =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "edckg", "test-models");

    private static void CheckTokens(string folder, string edc, TinyVocabulary vocabulary)
    {
        // Tokenization depends on the vocabulary only, so a tiny model with it answers quickly.
        var path = Path.Combine(folder, "vocabulary-check.gguf");
        TinyLlamaGguf.Write(path, new TinyLlamaSpec(), vocabulary);
        try
        {
            using var model = LlamaModel.Load(path);
            var template = File.ReadAllText(Path.Combine(edc, "prompt_templates", "oie_template.txt"));
            var examples = File.ReadAllText(Path.Combine(edc, "few_shot_examples", "webnlg", "oie_few_shot_examples.txt"));
            var prefix = template.Replace("{few_shot_examples}", examples, StringComparison.Ordinal).Split("{input_text}")[0];
            var documents = File.ReadLines(Path.Combine(edc, "datasets", "webnlg.txt")).Take(16).ToList();
            int Count(string text) => model.Tokenize(model.ApplyChatTemplate([("user", text)]), true, true).Length;
            var whole = documents.Select(d => Count(prefix + d)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EDC WebNLG OIE prompt: shared part {Count(prefix)} tokens, whole prompt {whole.Min()}..{whole.Max()} (mean {whole.Average():F0}) over the first 16 documents"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
