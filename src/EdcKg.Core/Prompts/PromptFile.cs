namespace EdcKg.Core.Prompts;

/// <summary>A prompt template or few-shot text with the path it was read from.</summary>
public sealed record PromptFile(string Path, string Text)
{
    /// <summary>Reads <paramref name="path"/> as strict UTF-8; a missing or undecodable file fails with its name.</summary>
    public static PromptFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PromptTemplateException($"{path}: prompt file not found.");
        }

        return new PromptFile(path, Inputs.StrictText.ReadFile(path));
    }
}
