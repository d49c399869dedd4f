using System.Text.RegularExpressions;

namespace EdcKg.Evaluation.PythonCompat;

/// <summary>
/// NLTK's improved Treebank word tokenizer (<c>NLTKWordTokenizer</c>, the one <c>word_tokenize</c> applies to each
/// sentence): quotes, punctuation, brackets, dashes and English contractions are padded with spaces by an ordered
/// list of rewrite rules, then the text is split on whitespace.
/// </summary>
internal static class TreebankWordTokenizer
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly (Regex Pattern, string Replacement)[] StartingQuotes =
    [
        (new Regex("([«“‘„]|[`]+)", Options), " $1 "),
        (new Regex("^\"", Options), "``"),
        (new Regex("(``)", Options), " $1 "),
        (new Regex("([ \\(\\[{<])(\"|'{2})", Options), "$1 `` "),
        (new Regex("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", Options), "$1 $2"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Punctuation =
    [
        (new Regex("([^\\.])(\\.)([\\]\\)}>\"'»”’ ]*)\\s*$", Options), "$1 $2 $3 "),
        (new Regex("([:,])([^\\d])", Options), " $1 $2"),
        (new Regex("([:,])$", Options), " $1 "),
        (new Regex("\\.{2,}", Options), " $0 "),
        (new Regex("[;@#$%&]", Options), " $0 "),
        (new Regex("([^\\.])(\\.)([\\]\\)}>\"']*)\\s*$", Options), "$1 $2$3 "),
        (new Regex("[?!]", Options), " $0 "),
        (new Regex("([^'])' ", Options), "$1 ' "),
        (new Regex("[*]", Options), " $0 "),
    ];

    private static readonly Regex ParensBrackets = new("[\\]\\[\\(\\)\\{\\}\\<\\>]", Options);

    private static readonly Regex DoubleDashes = new("--", Options);

    private static readonly (Regex Pattern, string Replacement)[] EndingQuotes =
    [
        (new Regex("([»”’])", Options), " $1 "),
        (new Regex("''", Options), " '' "),
        (new Regex("\"", Options), " '' "),
        (new Regex("([^' ])('[sS]|'[mM]|'[dD]|') ", Options), "$1 $2 "),
        (new Regex("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", Options), "$1 $2 "),
    ];

    private static readonly Regex[] Contractions =
    [
        new("(?i)\\b(can)(?#X)(not)\\b", Options),
        new("(?i)\\b(d)(?#X)('ye)\\b", Options),
        new("(?i)\\b(gim)(?#X)(me)\\b", Options),
        new("(?i)\\b(gon)(?#X)(na)\\b", Options),
        new("(?i)\\b(got)(?#X)(ta)\\b", Options),
        new("(?i)\\b(lem)(?#X)(me)\\b", Options),
        new("(?i)\\b(more)(?#X)('n)\\b", Options),
        new("(?i)\\b(wan)(?#X)(na)(?=\\s)", Options),
        new("(?i) ('t)(?#X)(is)\\b", Options),
        new("(?i) ('t)(?#X)(was)\\b", Options),
    ];

    /// <summary>Tokenizes one sentence.</summary>
    public static List<string> Tokenize(string sentence)
    {
        var text = sentence;
        foreach (var (pattern, replacement) in StartingQuotes)
        {
            text = pattern.Replace(text, replacement);
        }

        foreach (var (pattern, replacement) in Punctuation)
        {
            text = pattern.Replace(text, replacement);
        }

        text = ParensBrackets.Replace(text, " $0 ");
        text = DoubleDashes.Replace(text, " -- ");
        text = " " + text + " ";
        foreach (var (pattern, replacement) in EndingQuotes)
        {
            text = pattern.Replace(text, replacement);
        }

        foreach (var pattern in Contractions)
        {
            text = pattern.Replace(text, " $1 $2 ");
        }

        return PythonText.SplitOnWhitespace(text);
    }
}
