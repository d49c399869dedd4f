namespace EdcKg.Core.Prompts;

/// <summary>A prompt template or few-shot file that cannot be used; the message names the file.</summary>
public sealed class PromptTemplateException(string message) : EdcKgUserException(message);
