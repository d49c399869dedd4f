namespace EdcKg.Core.Entities;

/// <summary>
/// How alike two entity names look, from 0 to 1, as the best of several lexical signals: the same words in another
/// order, an acronym of the other's initials, a person's name with initials ("J. Smith", "John A. Smith"), one
/// name's words all in the other ("Shepard", "Alan Shepard"), shared character trigrams (spelling variants), shared words.
/// </summary>
internal static class NameSimilarity
{
    public static float Score(NameFeatures a, NameFeatures b)
    {
        var x = a.Name;
        var y = b.Name;
        if (x.Compact == y.Compact)
        {
            return 1f;
        }

        var best = Dice(a.Trigrams, b.Trigrams);
        if (x.Tokens.Count == y.Tokens.Count && x.Tokens.Order(StringComparer.Ordinal).SequenceEqual(y.Tokens.Order(StringComparer.Ordinal)))
        {
            return 0.95f;
        }

        if ((x.MayBeAcronym && x.Compact == y.Initials) || (y.MayBeAcronym && y.Compact == x.Initials))
        {
            best = Math.Max(best, 0.9f);
        }

        if (InitialsCompatible(x.Tokens, y.Tokens))
        {
            best = Math.Max(best, 0.85f);
        }

        var (shorter, longer) = x.Tokens.Count <= y.Tokens.Count ? (x.Tokens, y.Tokens) : (y.Tokens, x.Tokens);
        var shared = shorter.Count(t => longer.Contains(t));
        if (shared == shorter.Count && shared > 0)
        {
            best = Math.Max(best, 0.75f);
        }

        var union = x.Tokens.Union(y.Tokens).Count();
        if (union > 0)
        {
            best = Math.Max(best, (float)shared / union);
        }

        return best;
    }

    // Same last word, same first letter of the first word, and every word of the shorter name is either a word of
    // the longer one or the initial of one, in order: "J. Smith" ~ "John Smith", "Alan B. Shepard" ~ "Alan Shepard".
    private static bool InitialsCompatible(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (x.Count < 2 || y.Count < 2 || x[^1] != y[^1] || x[0][0] != y[0][0])
        {
            return false;
        }

        var (shorter, longer) = x.Count <= y.Count ? (x, y) : (y, x);
        var at = 0;
        foreach (var word in shorter)
        {
            while (at < longer.Count && !(longer[at] == word || (word.Length == 1 && longer[at][0] == word[0]) || (longer[at].Length == 1 && word[0] == longer[at][0])))
            {
                at++;
            }

            if (at == longer.Count)
            {
                return false;
            }

            at++;
        }

        return true;
    }

    private static float Dice(long[] a, long[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0f;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2f * common / (a.Length + b.Length);
    }
}
