using EdcKg.Core.Chunking;

namespace EdcKg.Core.Tests.Chunking;

public sealed class MentionFinderTests
{
    [Theory]
    [InlineData("Alan Shepard was born in New Hampshire.", "alan shepard", "Alan Shepard")]
    [InlineData("Alan  Shepard\nwas born in New_Hampshire.", "Alan_Shepard", "Alan  Shepard")]
    [InlineData("He flew on Apollo 14 in 1971.", "Apollo_14", "Apollo 14")]
    [InlineData("The start of art.", "Art", "art")]
    [InlineData("Born in New_Hampshire.", "New Hampshire", "New_Hampshire")]
    public void Mention_IsFoundCaseInsensitively_ThenWithWhiteSpaceAndUnderscoresNormalised(string text, string mention, string expected)
    {
        var found = MentionFinder.FindInText(text, mention);
        Assert.NotNull(found);
        Assert.Equal(expected, text[found.Value.Start..found.Value.End]);
    }

    [Theory]
    [InlineData("The Moon landing.", "Mars")]
    [InlineData("Parisian cafes.", "Paris")]
    [InlineData("Any text.", "  ")]
    public void NoMention_GivesNoSpan(string text, string mention)
        => Assert.Null(MentionFinder.FindInText(text, mention));

    [Fact]
    public void Span_IsInCodePointsOfTheDocument_InsideItsChunk()
    {
        // Document: "🚀 Launch. " + chunk; the chunk starts at code point 10 and has an emoji before the mention.
        var document = "🚀 Launch. 🎉 Alan Shepard flew.";
        var chunkText = "🎉 Alan Shepard flew.";
        var chunk = new Chunk(0, "d", 1, 10, 10 + chunkText.EnumerateRunes().Count(), chunkText);
        var span = MentionFinder.Find(chunk, "alan_shepard");
        Assert.Equal(new SourceSpan(12, 24), span);
        var codePoints = document.EnumerateRunes().Select(r => r.ToString()).ToArray();
        Assert.Equal("Alan Shepard", string.Concat(codePoints[12..24]));
    }
}
