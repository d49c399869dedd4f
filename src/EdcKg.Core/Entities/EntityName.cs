using System.Text;
using EdcKg.Core.Text;

namespace EdcKg.Core.Entities;

/// <summary>
/// The normalised form of an entity name that the lexical signals compare: lower case, accents folded
/// ("São Paulo" → "sao paulo"), underscores, hyphens and punctuation turned into word breaks ("new_york" → "new york"),
/// "&amp;" read as "and", a leading article dropped. Characters with no ASCII spelling (CJK, Arabic, ...) are kept
/// lower-cased, so such names still compare among themselves.
/// </summary>
public sealed record EntityName
{
    private static readonly string[] Articles = ["the", "a", "an"];

    private EntityName(string surface, IReadOnlyList<string> tokens)
    {
        Surface = surface;
        Tokens = tokens;
        Normalised = string.Join(' ', tokens);
        Compact = string.Concat(tokens);
    }

    /// <summary>The name as extracted.</summary>
    public string Surface { get; }

    /// <summary>The words of the normalised name, in order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The words joined by single spaces ("alan b shepard").</summary>
    public string Normalised { get; }

    /// <summary>
    /// The words joined without spaces ("alanbshepard"): two names with the same compact form are the same name
    /// written differently ("U.S." and "US", "Data Bricks" and "DataBricks"), and merge without asking.
    /// </summary>
    public string Compact { get; }

    /// <summary>Reads <paramref name="surface"/>.</summary>
    public static EntityName Of(string surface)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        foreach (var rune in AccentFolding.Fold(surface).EnumerateRunes())
        {
            if (rune.Value == '&')
            {
                EndWord();
                tokens.Add("and");
            }
            else if (rune.Value is '\'' or '\u2019' or '.')
            {
                // "O'Brien" and "U.S." are one word; a period also ends an initial ("A.B." is "ab", "A. B." is "a b").
                continue;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                AppendFolded(word, rune);
            }
            else if (Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else
            {
                EndWord();
            }
        }

        EndWord();
        if (tokens.Count > 1 && Articles.Contains(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        return new EntityName(surface, tokens);
    }

    /// <summary>
    /// The initials of a name of two or more words, stop words left out ("International Business Machines" → "ibm",
    /// "Bank of America" → "ba"); empty for a one-word name.
    /// </summary>
    public string Initials
    {
        get
        {
            var content = Tokens.Where(t => !EntityStopWords.Contains(t)).ToList();
            return content.Count < 2 ? string.Empty : string.Concat(content.Select(t => t[0]));
        }
    }

    /// <summary>Whether the name reads like an acronym: one word of two to six letters ("IBM", "NASA").</summary>
    public bool MayBeAcronym => Tokens.Count == 1 && Compact.Length is >= 2 and <= 6;

    private static void AppendFolded(StringBuilder word, Rune rune)
    {
        // Accents are folded already; letters with no decomposition (ø, æ, ß, CJK) stay, lower-cased.
        if (rune.IsAscii)
        {
            word.Append(char.ToLowerInvariant((char)rune.Value));
        }
        else
        {
            word.Append(Rune.ToLowerInvariant(rune).ToString());
        }
    }
}
