using System.CommandLine;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Commands.Options;

/// <summary>The prompt templates and few-shot files of a run, bound to <see cref="PromptSources"/>.</summary>
internal sealed class PromptOptions : IOptionGroup<PromptSources>
{
    private readonly (Option<string?> Option, PromptKind Kind)[] overrides;

    public PromptOptions()
    {
        overrides =
        [
            (File("--oie-prompt-template-file-path", "Prompt template for open information extraction."), PromptKind.OieTemplate),
            (File("--oie-few-shot-example-file-path", "Few-shot examples for open information extraction."), PromptKind.OieFewShot),
            (File("--sd-prompt-template-file-path", "Prompt template for schema definition."), PromptKind.SdTemplate),
            (File("--sd-few-shot-example-file-path", "Few-shot examples for schema definition."), PromptKind.SdFewShot),
            (File("--sc-prompt-template-file-path", "Prompt template for canonicalization verification."), PromptKind.ScTemplate),
            (File("--oie-refine-prompt-template-file-path", "Prompt template for refined open information extraction."), PromptKind.OieRefineTemplate),
            (File("--oie-refine-few-shot-example-file-path", "Few-shot examples for refined open information extraction."), PromptKind.OieRefineFewShot),
            (File("--ee-prompt-template-file-path", "Prompt template for entity extraction."), PromptKind.EeTemplate),
            (File("--ee-few-shot-example-file-path", "Few-shot examples for entity extraction."), PromptKind.EeFewShot),
            (File("--em-prompt-template-file-path", "Prompt template for entity merging."), PromptKind.EmTemplate),
        ];
    }

    public Option<string?> PromptsDir { get; } = new("--prompts-dir") { Description = "Folder of prompt templates with EDC's file names (default: our prompts; EDC's prompt_templates/ works unchanged)." };

    public Option<string?> FewShotDir { get; } = new("--few-shot-dir") { Description = "Folder of few-shot files with EDC's file names (for example EDC's few_shot_examples/webnlg)." };

    public IEnumerable<Option> Options => [.. overrides.Select(o => o.Option), PromptsDir, FewShotDir];

    public PromptSources Bind(ParseResult result)
    {
        var files = new Dictionary<PromptKind, string>();
        foreach (var (option, kind) in overrides)
        {
            if (result.GetValue(option) is { } path)
            {
                files[kind] = path;
            }
        }

        return new PromptSources(result.GetValue(PromptsDir) ?? InstalledPrompts.Templates, result.GetValue(FewShotDir) ?? InstalledPrompts.FewShot, files);
    }

    private static Option<string?> File(string name, string description) => new(name) { Description = description };
}
