using EdcKg.Core.Prompts;

namespace EdcKg.Core.Tests.Prompts;

public sealed class EmbeddingPromptsTests
{
    private static readonly EmbeddingPrompts E5Mistral = new("query: ", "passage: ", "Instruct: {instruction}\nQuery: ");

    [Fact]
    public void TextsWithoutARoleArePassages()
    {
        Assert.Equal("passage: ", E5Mistral.PrefixFor(null));
        Assert.Equal("passage: ", E5Mistral.PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Passage, "an instruction passages ignore")));
    }

    [Fact]
    public void QueriesTakeTheInstructionPromptWhenTheyCarryAnInstructionAndTheQueryPrefixOtherwise()
    {
        Assert.Equal("Instruct: Find relations.\nQuery: ", E5Mistral.PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query, "Find relations.")));
        Assert.Equal("query: ", E5Mistral.PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query)));
        Assert.Equal("query: ", (E5Mistral with { InstructionPrompt = null }).PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query, "Find relations.")));
    }

    [Fact]
    public void UnsetPartsAreEmptyAndCanBeFilledFromAFallback()
    {
        Assert.True(EmbeddingPrompts.None.IsEmpty);
        Assert.Equal(string.Empty, EmbeddingPrompts.None.PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query, "Find relations.")));

        var merged = new EmbeddingPrompts(QueryPrefix: "q: ").Or(E5Mistral);

        Assert.Equal(new EmbeddingPrompts("q: ", "passage: ", "Instruct: {instruction}\nQuery: "), merged);
    }

    [Fact]
    public void EveryEmbedderFollowsOneRuleConfiguredThenTheModelsOwnThenEdcsInstructionPrompt()
    {
        var model = EmbeddingPrompts.FromModel(new Dictionary<string, string> { ["sts_query"] = "sts: ", ["query"] = "q: ", ["document"] = "d: " });

        var resolved = EmbeddingPrompts.Resolve(new EmbeddingPrompts(PassagePrefix: "p: "), model);

        Assert.Equal(new EmbeddingPrompts("sts: ", "p: ", "Instruct: {instruction}\nQuery: "), resolved);
        Assert.Equal(EmbeddingPrompts.Edc, EmbeddingPrompts.Resolve(null));
        Assert.Equal("Instruct: Find relations.\nQuery: ", EmbeddingPrompts.Resolve(null).PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query, "Find relations.")));
        Assert.Equal(string.Empty, EmbeddingPrompts.Resolve(null).PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query)));
    }

    [Fact]
    public void TheFileOfAModelFolderGivesAllItsPromptsWithStsQueryForQueriesAndTheDefaultPromptForPassages()
    {
        var folder = Directory.CreateTempSubdirectory("edckg-prompts-").FullName;
        try
        {
            Assert.Equal(EmbeddingPrompts.None, EmbeddingPromptsFile.Read(folder));
            File.WriteAllText(Path.Combine(folder, EmbeddingPromptsFile.FileName), """
                {"prompts": {"web_search_query": "Instruct: search\nQuery: ", "sts_query": "Instruct: Retrieve semantically similar text.\nQuery: ", "passage": "passage: ", "plain": ""},
                 "default_prompt_name": "plain", "similarity_fn_name": "cosine"}
                """);

            var prompts = EmbeddingPromptsFile.Read(folder);

            Assert.Equal("Instruct: Retrieve semantically similar text.\nQuery: ", prompts.QueryPrefix);
            Assert.Equal(string.Empty, prompts.PassagePrefix);
            Assert.Null(prompts.InstructionPrompt);

            File.WriteAllText(Path.Combine(folder, EmbeddingPromptsFile.FileName), "{\"prompts\": ");
            Assert.Contains(EmbeddingPromptsFile.FileName, Assert.Throws<InvalidDataException>(() => EmbeddingPromptsFile.Read(folder)).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
