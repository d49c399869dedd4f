namespace EdcKg.LlamaCpp.Tests;

/// <summary>Real EDC extraction prompts: the OIE template and WebNLG few-shot examples from the shared benchmark data.</summary>
internal static class EdcPrompts
{
    public static string Extraction(string text)
    {
        var folder = RepositoryPaths.SharedEdc;
        var template = File.ReadAllText(Path.Combine(folder, "prompt_templates", "oie_template.txt"));
        var examples = File.ReadAllText(Path.Combine(folder, "few_shot_examples", "webnlg", "oie_few_shot_examples.txt"));
        return template.Replace("{few_shot_examples}", examples).Replace("{input_text}", text);
    }

    public static readonly string[] Documents =
    [
        "Trane, which was founded on January 1st 1913 in La Crosse, Wisconsin, is based in Ireland.",
        "The Acharya Institute of Technology is located in Soldevanahalli, Bangalore, India.",
        "Alan Bean was born in Wheeler, Texas and was a crew member of Apollo 12.",
        "The capital of Azerbaijan is Baku and its leader is Artur Rasizade.",
        "Ajoblanco originates from Spain and has garlic as an ingredient.",
        "Aarhus Airport serves the city of Aarhus, Denmark.",
    ];
}
