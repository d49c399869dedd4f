namespace EdcKg.Core.Prompts;

/// <summary>The prompt files a run uses, named as EDC names them.</summary>
public enum PromptKind
{
    /// <summary>Open information extraction template (<c>oie_template.txt</c>).</summary>
    OieTemplate,

    /// <summary>Open information extraction few-shot examples (<c>oie_few_shot_examples.txt</c>).</summary>
    OieFewShot,

    /// <summary>Schema definition template (<c>sd_template.txt</c>).</summary>
    SdTemplate,

    /// <summary>Schema definition few-shot examples (<c>sd_few_shot_examples.txt</c>).</summary>
    SdFewShot,

    /// <summary>Schema canonicalization verification template (<c>sc_template.txt</c>).</summary>
    ScTemplate,

    /// <summary>Entity extraction template (<c>ee_template.txt</c>).</summary>
    EeTemplate,

    /// <summary>Entity extraction few-shot examples (<c>ee_few_shot_examples.txt</c>).</summary>
    EeFewShot,

    /// <summary>Entity merging template (<c>em_template.txt</c>).</summary>
    EmTemplate,

    /// <summary>Refined open information extraction template (<c>oie_r_template.txt</c>).</summary>
    OieRefineTemplate,

    /// <summary>Refined open information extraction few-shot examples (<c>oie_few_shot_refine_examples.txt</c>).</summary>
    OieRefineFewShot,

    /// <summary>Entity resolution template (<c>er_template.txt</c>).</summary>
    ErTemplate,
}
