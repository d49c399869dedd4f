using EdcKg.Core.Domain;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Cuts a document into chunks of at most a token budget, counted with a stage model's tokenizer. A document that
/// fits is one chunk, its whole text unchanged (so a one-sentence EDC line stays one prompt, as in EDC). A longer one
/// is cut at paragraph boundaries where a paragraph fits, else between sentences, and a single sentence longer than
/// the budget is cut at the last white space that fits (a hard cut). The last sentences of a chunk may be repeated at
/// the start of the next (<see cref="ChunkingOptions.OverlapSentences"/>). Chunking is deterministic: the same text,
/// tokenizer and budget give the same chunks, hence the same chunk ids.
/// </summary>
public sealed class DocumentChunker
{
    private readonly ITokenCounter counter;
    private readonly int budget;
    private readonly int overlapSentences;

    /// <summary>Creates a chunker with <paramref name="maxTokens"/> tokens of text per chunk.</summary>
    public DocumentChunker(ITokenCounter counter, int maxTokens, int overlapSentences = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapSentences);
        this.counter = counter;
        budget = maxTokens;
        this.overlapSentences = overlapSentences;
    }

    /// <summary>The token budget of one chunk's text.</summary>
    public int MaxTokens => budget;

    /// <summary>The chunks of <paramref name="document"/> in text order (at least one, even for an empty text).</summary>
    public IReadOnlyList<Chunk> Split(Document document)
    {
        var text = document.Text;
        if (counter.CountTokens(text) <= budget)
        {
            return [new Chunk(document.Index, document.Id, 0, 0, CodePoints.Length(text), text)];
        }

        var units = Units(text);
        if (units.Count == 0)
        {
            return [new Chunk(document.Index, document.Id, 0, 0, CodePoints.Length(text), text)];
        }

        var chunks = new List<Chunk>();
        var packing = new Packing(this, document, units, chunks);
        packing.Run();
        return chunks;
    }

    /// <summary>Sentences (or hard-cut pieces of one) with their token counts and paragraph numbers, in text order.</summary>
    private List<Unit> Units(string text)
    {
        var units = new List<Unit>();
        var paragraphs = SentenceSplitter.Paragraphs(text);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            foreach (var sentence in SentenceSplitter.Sentences(text, paragraphs[p]))
            {
                var (start, length) = sentence.GetOffsetAndLength(text.Length);
                var tokens = counter.CountTokens(text.Substring(start, length));
                if (tokens <= budget)
                {
                    units.Add(new Unit(start, start + length, tokens, p));
                    continue;
                }

                foreach (var piece in HardCut(text, start, start + length))
                {
                    units.Add(piece with { Paragraph = p });
                }
            }
        }

        return units;
    }

    /// <summary>Cuts an over-long sentence into the longest pieces that fit, at white space where the piece has some.</summary>
    private IEnumerable<Unit> HardCut(string text, int start, int end)
    {
        while (start < end)
        {
            var whole = counter.CountTokens(text[start..end]);
            if (whole <= budget)
            {
                yield return new Unit(start, end, whole, 0);
                yield break;
            }

            // The longest prefix that fits, by bisection on its length (token counts grow with the prefix).
            var low = start + 1;
            var high = end;
            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                if (counter.CountTokens(text[start..AvoidSplitPair(text, middle)]) <= budget)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            var cut = AvoidSplitPair(text, low);
            var space = text.LastIndexOfAny([' ', '\n', '\t'], cut - 1, cut - start);
            if (space > start + ((cut - start) / 2))
            {
                cut = space;
            }

            if (cut <= start)
            {
                cut = Math.Min(end, start + (char.IsHighSurrogate(text[start]) ? 2 : 1));
            }

            var pieceEnd = cut;
            while (pieceEnd > start && char.IsWhiteSpace(text[pieceEnd - 1]))
            {
                pieceEnd--;
            }

            yield return new Unit(start, pieceEnd, counter.CountTokens(text[start..pieceEnd]), 0);
            start = cut;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }
    }

    private static int AvoidSplitPair(string text, int offset)
        => offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]) ? offset - 1 : offset;

    private readonly record struct Unit(int Start, int End, int Tokens, int Paragraph);

    /// <summary>The greedy packing of units into chunks, one pass over the units (backing up only when a chunk's real count is over).</summary>
    private sealed class Packing(DocumentChunker chunker, Document document, List<Unit> units, List<Chunk> chunks)
    {
        private readonly List<int> current = [];
        private int carried;
        private int tokens;

        public void Run()
        {
            var budget = chunker.budget;
            var paragraphEnd = new int[units.Count];
            for (var i = units.Count - 1; i >= 0; i--)
            {
                paragraphEnd[i] = i + 1 < units.Count && units[i + 1].Paragraph == units[i].Paragraph ? paragraphEnd[i + 1] : i + 1;
            }

            var prefix = new int[units.Count + 1];
            for (var i = 0; i < units.Count; i++)
            {
                prefix[i + 1] = prefix[i] + units[i].Tokens;
            }

            var i0 = 0;
            while (i0 < units.Count)
            {
                var unit = units[i0];
                var paragraphStart = i0 == 0 || units[i0 - 1].Paragraph != unit.Paragraph;
                var rest = prefix[paragraphEnd[i0]] - prefix[i0];

                var fresh = current.Count == carried;
                if (fresh)
                {
                    // Overlap gives way to new text: drop carried sentences until the next piece fits beside them.
                    var needed = paragraphStart && rest <= budget ? rest : unit.Tokens;
                    while (carried > 0 && tokens + needed > budget)
                    {
                        tokens -= units[current[0]].Tokens;
                        current.RemoveAt(0);
                        carried--;
                    }
                }

                if (paragraphStart && tokens + rest <= budget)
                {
                    for (var j = i0; j < paragraphEnd[i0]; j++)
                    {
                        Add(j);
                    }

                    i0 = paragraphEnd[i0];
                    continue;
                }

                if (!fresh && paragraphStart && rest <= budget)
                {
                    // A paragraph that fits in a chunk of its own is not split between two.
                    i0 = Close(i0);
                    continue;
                }

                if (fresh || tokens + unit.Tokens <= budget)
                {
                    Add(i0);
                    i0++;
                    continue;
                }

                i0 = Close(i0);
            }

            if (current.Count > carried)
            {
                Close(units.Count);
            }
        }

        private void Add(int unit)
        {
            current.Add(unit);
            tokens += units[unit].Tokens;
        }

        // Emits the current chunk and starts the next with the overlap; returns the unit to go on from.
        private int Close(int next)
        {
            var text = document.Text;
            while (true)
            {
                var count = chunker.counter.CountTokens(Slice(text));
                if (count <= chunker.budget)
                {
                    break;
                }

                // Counted piece by piece the chunk fitted, counted whole it does not: give back the last new piece
                // (it starts the next chunk), else the overlap.
                if (current.Count - carried > 1)
                {
                    next = current[^1];
                    tokens -= units[next].Tokens;
                    current.RemoveAt(current.Count - 1);
                }
                else if (carried > 0)
                {
                    tokens -= units[current[0]].Tokens;
                    current.RemoveAt(0);
                    carried--;
                }
                else
                {
                    break;
                }
            }

            var first = units[current[0]];
            var last = units[current[^1]];
            var start = CodePoints.Offset(text, first.Start);
            var end = start + CodePoints.Length(text.AsSpan(first.Start, last.End - first.Start));
            chunks.Add(new Chunk(document.Index, document.Id, chunks.Count, start, end, text[first.Start..last.End]));

            var keep = new List<int>();
            var kept = 0;
            for (var k = current.Count - 1; k >= 0 && keep.Count < chunker.overlapSentences; k--)
            {
                var unitTokens = units[current[k]].Tokens;
                if (kept + unitTokens > chunker.budget / 2)
                {
                    break;
                }

                keep.Insert(0, current[k]);
                kept += unitTokens;
            }

            current.Clear();
            current.AddRange(keep);
            carried = keep.Count;
            tokens = kept;
            return next;
        }

        private string Slice(string text) => text[units[current[0]].Start..units[current[^1]].End];
    }
}
