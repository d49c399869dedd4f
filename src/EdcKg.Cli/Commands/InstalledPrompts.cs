namespace EdcKg.Cli.Commands;

/// <summary>Our prompts as shipped beside the CLI (the repository's prompts/ folder, copied at build time).</summary>
internal static class InstalledPrompts
{
    /// <summary>The prompt templates, with EDC's file names.</summary>
    public static string Templates => Path.Combine(AppContext.BaseDirectory, "prompts", "templates");

    /// <summary>The few-shot examples, with EDC's file names.</summary>
    public static string FewShot => Path.Combine(AppContext.BaseDirectory, "prompts", "few_shot");
}
