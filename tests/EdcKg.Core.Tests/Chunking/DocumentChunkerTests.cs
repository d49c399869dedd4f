using System.Globalization;
using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Tests.Chunking;

public sealed class DocumentChunkerTests
{
    [Fact]
    public void DocumentThatFits_IsOneChunkWithItsExactText()
    {
        var document = new Document(3, "3", "  The Acharya Institute of Technology is in Bangalore. ");
        var chunk = Assert.Single(new DocumentChunker(new WordTokenCounter(), 50).Split(document));
        Assert.Equal(document.Text, chunk.Text);
        Assert.Equal((0, document.Text.Length, 0, 3), (chunk.Start, chunk.End, chunk.Index, chunk.DocumentIndex));
        Assert.Equal("3#0@0-55", chunk.Id);
    }

    [Fact]
    public void EmptyDocument_IsOneEmptyChunk()
    {
        var chunk = Assert.Single(new DocumentChunker(new WordTokenCounter(), 5).Split(new Document(0, "0", string.Empty)));
        Assert.Equal((0, 0, string.Empty), (chunk.Start, chunk.End, chunk.Text));
    }

    [Fact]
    public void LongDocument_IsCutAtParagraphs_WhenTheyFit()
    {
        // Three paragraphs of 6 words each, budget 13: two paragraphs fit together, the third goes alone.
        var text = "Ada wrote code. Babbage built engines.\n\nCurie found radium. Pierre helped her.\n\nDarwin sailed far. Beagle was his ship.";
        var chunks = Split(text, maxTokens: 13, overlap: 0);
        Assert.Equal(["Ada wrote code. Babbage built engines.\n\nCurie found radium. Pierre helped her.", "Darwin sailed far. Beagle was his ship."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void ParagraphThatFitsAlone_IsNotSplitBetweenTwoChunks()
    {
        var text = "One two three four. Five six.\n\nSeven eight nine. Ten eleven twelve.";
        var chunks = Split(text, maxTokens: 8, overlap: 0);
        Assert.Equal(["One two three four. Five six.", "Seven eight nine. Ten eleven twelve."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void OverLongParagraph_IsCutBetweenSentences_WithTheLastSentenceRepeated()
    {
        var sentences = Enumerable.Range(1, 12).Select(i => $"Sentence number {i.ToString(CultureInfo.InvariantCulture)} is here.").ToList();
        var text = string.Join(' ', sentences);
        var chunks = Split(text, maxTokens: 20, overlap: 1);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.True(new WordTokenCounter().CountTokens(c.Text) <= 20));
        for (var k = 1; k < chunks.Count; k++)
        {
            var previousLast = sentences.Last(s => chunks[k - 1].Text.EndsWith(s, StringComparison.Ordinal));
            Assert.StartsWith(previousLast, chunks[k].Text);
        }

        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
        Assert.EndsWith(sentences[^1], chunks[^1].Text);
    }

    [Fact]
    public void WithoutOverlap_ChunksFollowEachOtherAndCoverEverySentence()
    {
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Fact {i.ToString(CultureInfo.InvariantCulture)} holds."));
        var chunks = Split(text, maxTokens: 10, overlap: 0);
        for (var k = 1; k < chunks.Count; k++)
        {
            Assert.True(chunks[k].Start > chunks[k - 1].End);
        }

        Assert.Equal(text, string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void OneSentenceLongerThanTheBudget_IsHardCutAtWhiteSpace()
    {
        var text = string.Join(' ', Enumerable.Range(1, 25).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture))) + ".";
        var chunks = Split(text, maxTokens: 10, overlap: 0);
        Assert.Equal([10, 10, 5], chunks.Select(c => new WordTokenCounter().CountTokens(c.Text)));
        Assert.Equal(text, string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void ChunkRanges_CountCodePoints_SoTheyIndexTheTextAsPythonDoes()
    {
        // Each emoji is one code point but two UTF-16 units: ranges must count it once.
        var text = "Smile 😀 first. Then 🎉 party time.\n\nLast 🚀 words here.";
        var document = new Document(0, "d", text);
        var chunks = new DocumentChunker(new WordTokenCounter(), 5, 0).Split(document);
        Assert.Equal(3, chunks.Count);
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        Assert.All(chunks, c => Assert.Equal(c.Text, string.Concat(codePoints[c.Start..c.End])));
    }

    [Fact]
    public void SameTextAndBudget_GiveTheSameChunkIds()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 10).Select(i => $"Paragraph {i.ToString(CultureInfo.InvariantCulture)} has words. And more words."));
        var first = Split(text, 12, 1).Select(c => c.Id);
        var second = Split(text, 12, 1).Select(c => c.Id);
        Assert.Equal(first, second);
        Assert.All(first, id => Assert.StartsWith("doc#", id));
    }

    [Fact]
    public void ChunkCountedWholeOverTheBudget_GivesBackItsLastSentence()
    {
        // This counter charges one extra token per sentence break inside a text, as a tokenizer may at joins.
        var counter = new JoinCostingCounter();
        var text = "Aa bb. Cc dd. Ee ff. Gg hh.";
        var chunks = new DocumentChunker(counter, 6, 0).Split(new Document(0, "d", text));
        Assert.All(chunks, c => Assert.True(counter.CountTokens(c.Text) <= 6));
        Assert.Equal(text, string.Join(' ', chunks.Select(c => c.Text)));
    }

    private static IReadOnlyList<Chunk> Split(string text, int maxTokens, int overlap)
        => new DocumentChunker(new WordTokenCounter(), maxTokens, overlap).Split(new Document(0, "doc", text));

    private sealed class JoinCostingCounter : ITokenCounter
    {
        public int? ContextTokens => null;

        public int CountTokens(string text) => new WordTokenCounter().CountTokens(text) + Math.Max(0, text.Count(c => c == '.') - 1);

        public int CountPromptTokens(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null) => 0;
    }
}
