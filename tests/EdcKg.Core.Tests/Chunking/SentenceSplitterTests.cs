using EdcKg.Core.Chunking;

namespace EdcKg.Core.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("Dr. Smith met J. R. Tolkien in the U.S. on Monday. They talked.", new[] { "Dr. Smith met J. R. Tolkien in the U.S. on Monday.", "They talked." })]
    [InlineData("Is it true? \"Yes!\" she said. Values like 3.14 stay whole.", new[] { "Is it true?", "\"Yes!\" she said.", "Values like 3.14 stay whole." })]
    [InlineData("It ended, e.g. in a draw. see lower case: no break here.", new[] { "It ended, e.g. in a draw. see lower case: no break here." })]
    [InlineData("東京は日本の首都です。大阪は都市です。", new[] { "東京は日本の首都です。", "大阪は都市です。" })]
    [InlineData("No final stop", new[] { "No final stop" })]
    public void Sentences_EndAtTerminalPunctuation_NotAtAbbreviationsOrInitials(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Sentences(text, ..);
        Assert.Equal(expected, sentences.Select(r => text[r]));
    }

    [Fact]
    public void Paragraphs_AreSeparatedByLinesOfWhiteSpaceOnly()
    {
        var text = "First line\nsame paragraph.\n  \t\nSecond.\n\n\n\nThird.";
        Assert.Equal(["First line\nsame paragraph.", "Second.", "Third."], SentenceSplitter.Paragraphs(text).Select(r => text[r]));
    }
}
