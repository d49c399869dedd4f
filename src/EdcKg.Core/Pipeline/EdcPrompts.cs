using EdcKg.Core.Prompts;

namespace EdcKg.Core.Pipeline;

/// <summary>The templates and few-shot examples of a run, read and checked before any work starts.</summary>
public sealed record EdcPrompts(
    PromptTemplate OpenExtraction,
    string OpenExtractionExamples,
    PromptTemplate SchemaDefinition,
    string SchemaDefinitionExamples,
    PromptTemplate Verification,
    PromptTemplate? EntityExtraction = null,
    string? EntityExtractionExamples = null,
    PromptTemplate? EntityMerging = null,
    PromptTemplate? RefinedOpenExtraction = null,
    string? RefinedOpenExtractionExamples = null)
{
    /// <summary>The entity-resolution template (<c>er_template.txt</c>), when entities are resolved.</summary>
    public PromptTemplate? EntityResolution { get; init; }

    /// <summary>
    /// Reads the files a run needs from <paramref name="sources"/> (the refinement ones only when
    /// <paramref name="refinement"/>, the entity-resolution one only when <paramref name="resolveEntities"/>).
    /// </summary>
    public static EdcPrompts Load(PromptSources sources, bool refinement, bool resolveEntities = false)
    {
        var prompts = new EdcPrompts(
            sources.ReadTemplate(PromptKind.OieTemplate),
            sources.Read(PromptKind.OieFewShot).Text,
            sources.ReadTemplate(PromptKind.SdTemplate),
            sources.Read(PromptKind.SdFewShot).Text,
            sources.ReadTemplate(PromptKind.ScTemplate))
        {
            EntityResolution = resolveEntities ? sources.ReadTemplate(PromptKind.ErTemplate) : null,
        };
        if (!refinement)
        {
            return prompts;
        }

        return prompts with
        {
            EntityExtraction = sources.ReadTemplate(PromptKind.EeTemplate),
            EntityExtractionExamples = sources.Read(PromptKind.EeFewShot).Text,
            EntityMerging = sources.ReadTemplate(PromptKind.EmTemplate),
            RefinedOpenExtraction = sources.ReadTemplate(PromptKind.OieRefineTemplate),
            RefinedOpenExtractionExamples = sources.Read(PromptKind.OieRefineFewShot).Text,
        };
    }

    /// <summary>Every prompt text with a name, for the run manifest.</summary>
    public IEnumerable<(string Name, string Text)> All()
    {
        yield return ("oie_template", OpenExtraction.Text);
        yield return ("oie_few_shot", OpenExtractionExamples);
        yield return ("sd_template", SchemaDefinition.Text);
        yield return ("sd_few_shot", SchemaDefinitionExamples);
        yield return ("sc_template", Verification.Text);
        if (EntityExtraction is not null)
        {
            yield return ("ee_template", EntityExtraction.Text);
            yield return ("ee_few_shot", EntityExtractionExamples!);
            yield return ("em_template", EntityMerging!.Text);
            yield return ("oie_r_template", RefinedOpenExtraction!.Text);
            yield return ("oie_r_few_shot", RefinedOpenExtractionExamples!);
        }
    }
}
