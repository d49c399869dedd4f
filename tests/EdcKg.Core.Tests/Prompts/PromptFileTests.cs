using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;

namespace EdcKg.Core.Tests.Prompts;

public sealed class PromptFileTests
{
    [Theory]
    [InlineData("example")]
    [InlineData("webnlg")]
    [InlineData("rebel")]
    [InlineData("wiki-nre")]
    public void EdcsOwnTemplatesAndFewShotFilesLoadUnchanged(string dataset)
    {
        var sources = new PromptSources(Path.Combine(TestPaths.SharedEdc, "prompt_templates"), Path.Combine(TestPaths.SharedEdc, "few_shot_examples", dataset));
        var prompts = EdcPrompts.Load(sources, refinement: true);
        var filled = prompts.OpenExtraction.Fill(new Dictionary<string, string> { ["few_shot_examples"] = prompts.OpenExtractionExamples, ["input_text"] = "Some text." });
        Assert.EndsWith("Text: Some text.", filled);
        Assert.Contains("Example 1:", filled);
        Assert.Equal(["entities_hint", "few_shot_examples", "input_text", "relations_hint"], prompts.RefinedOpenExtraction!.Placeholders.Order());
    }

    [Fact]
    public void OurOwnPromptsLoadForEveryStage()
    {
        var sources = new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot"));
        var prompts = EdcPrompts.Load(sources, refinement: true);
        Assert.Equal(10, prompts.All().Count());
        Assert.All(prompts.All(), p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
    }

    [Fact]
    public void PerFileOverridesWinOverTheFolders()
    {
        using var folder = TestPaths.TempDirectory();
        var custom = Path.Combine(folder, "my_oie.txt");
        File.WriteAllText(custom, "Extract from {input_text} using {few_shot_examples}");
        var sources = new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot"), new Dictionary<PromptKind, string> { [PromptKind.OieTemplate] = custom });
        Assert.Equal(custom, sources.ReadTemplate(PromptKind.OieTemplate).Source);
    }

    [Fact]
    public void TemplatesFillPlaceholdersAndKeepEscapedBraces()
    {
        var template = new PromptTemplate("{{literal}} {a} and {b}", "t.txt");
        Assert.Equal("{literal} 1 and 2", template.Fill(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
    }

    [Fact]
    public void AnUnknownPlaceholderIsReportedWithTheFile()
    {
        var error = Assert.Throws<PromptTemplateException>(() => new PromptTemplate("Text: {input_txt}", "oie.txt").RequireOnly("few_shot_examples", "input_text"));
        Assert.Contains("oie.txt", error.Message);
        Assert.Contains("{input_txt}", error.Message);
    }

    [Fact]
    public void AnUnmatchedBraceIsReportedWithFileAndLine()
    {
        var error = Assert.Throws<PromptTemplateException>(() => new PromptTemplate("line one\nline {two", "sd.txt"));
        Assert.StartsWith("sd.txt:2:", error.Message);
    }

    [Fact]
    public void AMissingPromptFileIsReportedWithItsPath()
    {
        var sources = new PromptSources("/nonexistent/templates", "/nonexistent/few_shot");
        var error = Assert.Throws<PromptTemplateException>(() => EdcPrompts.Load(sources, refinement: false));
        Assert.Contains("oie_template.txt", error.Message);
    }
}
