namespace TestModels;

/// <summary>
/// Learns a SentencePiece-style subword vocabulary from texts by byte-pair merging within words (a word is "▁"
/// followed by the characters up to the next space), as tokenizers of real models are trained: frequent words end
/// up as one piece, rare names and numbers as several. Digits are never merged, as in LLaMA's and Mistral's
/// tokenizers. Deterministic for the same texts.
/// </summary>
public static class SubwordTrainer
{
    /// <summary>A character and every piece made of characters seen at least this often is a candidate.</summary>
    private const int MinCharacterFrequency = 3;

    /// <summary>
    /// The base characters (seen at least a few times) and up to <paramref name="maxMerges"/> merged pieces in the order
    /// they were learned (most frequent pair first), stopping when no pair occurs <paramref name="minFrequency"/> times.
    /// </summary>
    public static (IReadOnlyList<string> Characters, IReadOnlyList<string> Pieces) Learn(IEnumerable<string> texts, int maxMerges, int minFrequency = 2)
    {
        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var characterCounts = new Dictionary<char, long>();
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n'))
            {
                foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var piece = "▁" + word;
                    wordCounts[piece] = wordCounts.GetValueOrDefault(piece) + 1;
                    foreach (var c in word)
                    {
                        characterCounts[c] = characterCounts.GetValueOrDefault(c) + 1;
                    }
                }
            }
        }

        var characters = characterCounts.Where(p => p.Value >= MinCharacterFrequency).Select(p => p.Key).Order().Select(c => c.ToString()).ToList();
        var known = new HashSet<char>(characters.Select(c => c[0])) { '▁' };

        // Symbols are ids into `symbols`; each word is an array of them with its count.
        var symbols = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string s)
        {
            if (!ids.TryGetValue(s, out var id))
            {
                id = symbols.Count;
                symbols.Add(s);
                ids[s] = id;
            }

            return id;
        }

        var words = new List<int[]>();
        var counts = new List<long>();
        foreach (var (word, count) in wordCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (word.Skip(1).All(known.Contains))
            {
                words.Add(word.Select(c => Id(c.ToString())).ToArray());
                counts.Add(count);
            }
        }

        var pairCounts = new Dictionary<(int, int), long>();
        var pairWords = new Dictionary<(int, int), HashSet<int>>();
        var queue = new PriorityQueue<(int, int), (long, string)>(Comparer<(long Count, string Text)>.Create((a, b) =>
            a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Text, b.Text)));
        bool Mergeable(int a, int b) => !char.IsDigit(symbols[a][^1]) && !char.IsDigit(symbols[b][0]);
        void Count(int word, int sign)
        {
            var w = words[word];
            for (var i = 0; i + 1 < w.Length; i++)
            {
                if (!Mergeable(w[i], w[i + 1]))
                {
                    continue;
                }

                var pair = (w[i], w[i + 1]);
                var now = pairCounts.GetValueOrDefault(pair) + (sign * counts[word]);
                pairCounts[pair] = now;
                if (sign > 0)
                {
                    if (!pairWords.TryGetValue(pair, out var set))
                    {
                        pairWords[pair] = set = [];
                    }

                    set.Add(word);
                    queue.Enqueue(pair, (now, symbols[pair.Item1] + symbols[pair.Item2]));
                }
            }
        }

        for (var word = 0; word < words.Count; word++)
        {
            Count(word, +1);
        }

        var pieces = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pieces.Count < maxMerges && queue.TryDequeue(out var pair, out var priority))
        {
            var current = pairCounts.GetValueOrDefault(pair);
            if (current != priority.Item1)
            {
                continue; // a stale entry: the pair's count changed since it was queued
            }

            if (current < minFrequency)
            {
                break;
            }

            var merged = Id(symbols[pair.Item1] + symbols[pair.Item2]);
            if (seen.Add(symbols[merged]))
            {
                pieces.Add(symbols[merged]);
            }

            foreach (var word in pairWords[pair].ToList())
            {
                var w = words[word];
                if (!Contains(w, pair))
                {
                    continue;
                }

                Count(word, -1);
                words[word] = Merge(w, pair, merged);
                Count(word, +1);
            }

            pairCounts.Remove(pair);
        }

        return (characters, pieces);
    }

    private static bool Contains(int[] word, (int, int) pair)
    {
        for (var i = 0; i + 1 < word.Length; i++)
        {
            if (word[i] == pair.Item1 && word[i + 1] == pair.Item2)
            {
                return true;
            }
        }

        return false;
    }

    private static int[] Merge(int[] word, (int, int) pair, int merged)
    {
        var result = new List<int>(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (i + 1 < word.Length && word[i] == pair.Item1 && word[i + 1] == pair.Item2)
            {
                result.Add(merged);
                i++;
            }
            else
            {
                result.Add(word[i]);
            }
        }

        return [.. result];
    }
}
