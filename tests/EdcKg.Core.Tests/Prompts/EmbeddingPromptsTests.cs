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
}
