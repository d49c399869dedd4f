namespace EdcKg.Core.Prompts;

/// <summary>
/// Where each prompt file comes from: a templates folder and a few-shot folder laid out with EDC's file names
/// (ours in <c>prompts/</c>, or EDC's own <c>prompt_templates/</c> and <c>few_shot_examples/&lt;dataset&gt;/</c>),
/// and per-file overrides like EDC's <c>--*-file-path</c> options.
/// </summary>
public sealed record PromptSources(string TemplatesDirectory, string FewShotDirectory, IReadOnlyDictionary<PromptKind, string>? Overrides = null)
{
    /// <summary>EDC's file name for each prompt file.</summary>
    public static string FileName(PromptKind kind) => kind switch
    {
        PromptKind.OieTemplate => "oie_template.txt",
        PromptKind.OieFewShot => "oie_few_shot_examples.txt",
        PromptKind.SdTemplate => "sd_template.txt",
        PromptKind.SdFewShot => "sd_few_shot_examples.txt",
        PromptKind.ScTemplate => "sc_template.txt",
        PromptKind.EeTemplate => "ee_template.txt",
        PromptKind.EeFewShot => "ee_few_shot_examples.txt",
        PromptKind.EmTemplate => "em_template.txt",
        PromptKind.OieRefineTemplate => "oie_r_template.txt",
        PromptKind.OieRefineFewShot => "oie_few_shot_refine_examples.txt",
        PromptKind.ErTemplate => "er_template.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The path the file of <paramref name="kind"/> is read from.</summary>
    public string PathOf(PromptKind kind)
    {
        if (Overrides is not null && Overrides.TryGetValue(kind, out var path))
        {
            return path;
        }

        var isFewShot = kind is PromptKind.OieFewShot or PromptKind.SdFewShot or PromptKind.EeFewShot or PromptKind.OieRefineFewShot;
        return Path.Combine(isFewShot ? FewShotDirectory : TemplatesDirectory, FileName(kind));
    }

    /// <summary>Reads the file of <paramref name="kind"/>.</summary>
    public PromptFile Read(PromptKind kind) => PromptFile.Read(PathOf(kind));

    /// <summary>Reads a template file and checks it uses only the placeholders its stage fills.</summary>
    public PromptTemplate ReadTemplate(PromptKind kind)
    {
        var file = Read(kind);
        var template = new PromptTemplate(file.Text, file.Path);
        return kind switch
        {
            PromptKind.OieTemplate => template.RequireOnly("few_shot_examples", "input_text"),
            PromptKind.OieRefineTemplate => template.RequireOnly("few_shot_examples", "input_text", "entities_hint", "relations_hint"),
            PromptKind.SdTemplate => template.RequireOnly("few_shot_examples", "text", "triples", "relations"),
            PromptKind.ScTemplate => template.RequireOnly("input_text", "query_triplet", "query_relation", "query_relation_definition", "choices"),
            PromptKind.EeTemplate => template.RequireOnly("few_shot_examples", "input_text"),
            PromptKind.EmTemplate => template.RequireOnly("input_text", "entity_list_1", "entity_list_2"),
            PromptKind.ErTemplate => template.RequireOnly("entity", "entity_context", "choices"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), $"{kind} is not a template."),
        };
    }
}
