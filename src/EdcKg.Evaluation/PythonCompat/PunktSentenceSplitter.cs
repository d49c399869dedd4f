using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace EdcKg.Evaluation.PythonCompat;

/// <summary>
/// The Punkt sentence splitter that NLTK's <c>word_tokenize</c> runs before word tokenization, with its algorithm
/// ported step by step (candidate contexts, first and second annotation passes, boundary realignment).
/// NLTK's English model is learned data that is not available offline; this splitter uses a fixed list of common
/// English abbreviations and no learned collocations, sentence starters or orthographic statistics. On the
/// lower-cased triple texts the scorer feeds it, that model decides the same way as the learned one except for
/// abbreviations missing from the list (see <see cref="Abbreviations"/>).
/// </summary>
internal static class PunktSentenceSplitter
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private const string NonWord = "(?:[)\\\";}\\]\\*:@\\'\\({\\[?!])";

    private const string MultiChar = "(?:\\-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)";

    private static readonly Regex WordPattern = new(
        "(" + MultiChar + "|(?=[^\\(\\\"\\`{\\[:;&\\#\\*@\\)}\\]\\-,])\\S+?(?=\\s|$|" + NonWord + "|" + MultiChar + "|,(?=$|\\s|" + NonWord + "|" + MultiChar + "))|\\S)",
        Options);

    private static readonly Regex PeriodContext = new(
        "[\\.\\?!](?=(?<after_tok>" + NonWord + "|\\s+(?<next_tok>\\S+)))",
        Options);

    private static readonly Regex BoundaryRealignment = new("[\"')\\]}]+?(?:\\s+|(?=--)|$)", Options | RegexOptions.Multiline);

    private static readonly Regex Numeric = new("^-?[\\.,]?\\d[\\d,\\.-]*\\.?$", Options);

    private static readonly Regex Initial = new("^[^\\W\\d]\\.$", Options);

    private static readonly Regex Ellipsis = new("^\\.\\.+$", Options);

    private static readonly FrozenSet<string> PunctuationTokens = FrozenSet.ToFrozenSet([";", ":", ",", ".", "!", "?"]);

    /// <summary>Abbreviation types (lower case, final period removed) that do not end a sentence.</summary>
    public static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "messrs", "rev", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
        "capt", "maj", "cmdr", "adm", "hon", "inc", "co", "corp", "ltd", "bros", "assn", "dept", "univ", "vs", "etc",
        "e.g", "i.e", "u.s", "u.k", "u.n", "u.s.a", "a.m", "p.m", "d.c", "n.y", "l.a", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "rd", "calif", "fla",
        "mass", "conn", "ariz", "colo", "ill", "ind", "kan", "ky", "md", "mich", "minn", "mo", "nev", "okla", "ore",
        "pa", "tenn", "va", "wash", "wis", "vol", "no", "approx", "fig", "cf", "al", "ed", "pp", "ch",
    ]);

    /// <summary>Splits <paramref name="text"/> into sentences (NLTK's <c>sent_tokenize</c>).</summary>
    public static List<string> Split(string text)
    {
        var slices = SlicesFromText(text).ToList();
        var sentences = new List<string>();
        var realign = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var (start, stop) = slices[i];
            start += realign;
            if (i + 1 == slices.Count)
            {
                if (stop > start)
                {
                    sentences.Add(text[start..stop]);
                }

                continue;
            }

            var (nextStart, nextStop) = slices[i + 1];
            var match = BoundaryRealignment.Match(text, nextStart, Math.Max(0, nextStop - nextStart));
            if (match.Success && match.Index == nextStart)
            {
                var kept = PythonText.Strip("x" + match.Value)[1..];
                sentences.Add(text[start..(nextStart + kept.Length)]);
                realign = match.Length;
            }
            else
            {
                realign = 0;
                if (stop > start)
                {
                    sentences.Add(text[start..stop]);
                }
            }
        }

        return sentences;
    }

    private static IEnumerable<(int Start, int Stop)> SlicesFromText(string text)
    {
        var lastBreak = 0;
        foreach (var (match, context) in PotentialEndContexts(text))
        {
            if (ContainsSentenceBreak(context))
            {
                yield return (lastBreak, match.Index + match.Length);
                var next = match.Groups["next_tok"];
                lastBreak = next.Success ? next.Index : match.Index + match.Length;
            }
        }

        var end = text.Length;
        while (end > 0 && PythonText.IsSpace(text[end - 1]))
        {
            end--;
        }

        yield return (lastBreak, end);
    }

    private static IEnumerable<(Match Match, string Context)> PotentialEndContexts(string text)
    {
        (int Start, int Stop) previousSlice = (0, 0);
        Match? previousMatch = null;
        foreach (Match match in PeriodContext.Matches(text))
        {
            var beforeText = text[previousSlice.Stop..match.Index];
            var indexAfterLastSpace = LastWhitespaceIndex(beforeText);
            indexAfterLastSpace = indexAfterLastSpace != 0 ? indexAfterLastSpace + previousSlice.Stop + 1 : previousSlice.Start;
            var previousWord = (Start: indexAfterLastSpace, Stop: match.Index);
            if (previousMatch is not null && previousSlice.Stop <= previousWord.Start)
            {
                yield return (previousMatch, Context(text, previousSlice, previousMatch));
            }

            previousMatch = match;
            previousSlice = previousWord;
        }

        if (previousMatch is not null)
        {
            yield return (previousMatch, Context(text, previousSlice, previousMatch));
        }
    }

    private static string Context(string text, (int Start, int Stop) slice, Match match) =>
        SliceOf(text, slice.Start, slice.Stop) + match.Value + match.Groups["after_tok"].Value;

    private static string SliceOf(string text, int start, int stop) => stop > start ? text[start..stop] : string.Empty;

    private static int LastWhitespaceIndex(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
            {
                return i;
            }
        }

        return 0;
    }

    private static bool ContainsSentenceBreak(string context)
    {
        var tokens = Tokens(context);
        for (var i = 0; i < tokens.Count; i++)
        {
            FirstPass(tokens[i]);
        }

        var found = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 1 < tokens.Count)
            {
                FirstPass(tokens[i + 1]);
                SecondPass(tokens[i], tokens[i + 1]);
            }

            if (found)
            {
                return true;
            }

            if (tokens[i].SentenceBreak)
            {
                found = true;
            }
        }

        return false;
    }

    private static List<PunktToken> Tokens(string text)
    {
        var tokens = new List<PunktToken>();
        foreach (var line in text.Split('\n'))
        {
            if (PythonText.Strip(line).Length == 0)
            {
                continue;
            }

            foreach (Match m in WordPattern.Matches(line))
            {
                tokens.Add(new PunktToken(m.Groups[1].Value));
            }
        }

        return tokens;
    }

    private static void FirstPass(PunktToken token)
    {
        if (token.FirstPassDone)
        {
            return;
        }

        token.FirstPassDone = true;
        var tok = token.Text;
        if (tok is "." or "?" or "!")
        {
            token.SentenceBreak = true;
        }
        else if (Ellipsis.IsMatch(tok))
        {
            token.Ellipsis = true;
        }
        else if (tok.EndsWith('.') && !tok.EndsWith("..", StringComparison.Ordinal))
        {
            var stem = tok[..^1].ToLowerInvariant();
            if (Abbreviations.Contains(stem) || Abbreviations.Contains(stem.Split('-')[^1]))
            {
                token.Abbreviation = true;
            }
            else
            {
                token.SentenceBreak = true;
            }
        }
    }

    private static void SecondPass(PunktToken first, PunktToken next)
    {
        if (!first.Text.EndsWith('.'))
        {
            return;
        }

        var isInitial = Initial.IsMatch(first.Text);
        var type = first.TypeNoPeriod;

        // Without learned orthographic statistics, every word is "never seen": a lower-case next word is then
        // evidence against a sentence start, anything else is unknown (NLTK's _ortho_heuristic on an empty context).
        if (isInitial || type == "##number##")
        {
            var nextStartsSentence = OrthographicHeuristic(next);
            if (nextStartsSentence == false)
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
                return;
            }

            if (nextStartsSentence is null && isInitial && char.IsUpper(next.Text[0]))
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
            }
        }
    }

    private static bool? OrthographicHeuristic(PunktToken token)
    {
        if (PunctuationTokens.Contains(token.Text))
        {
            return false;
        }

        return char.IsLower(token.Text[0]) ? false : null;
    }

    private sealed class PunktToken(string text)
    {
        public string Text { get; } = text;

        public bool FirstPassDone { get; set; }

        public bool SentenceBreak { get; set; }

        public bool Abbreviation { get; set; }

        public bool Ellipsis { get; set; }

        public string TypeNoPeriod
        {
            get
            {
                var type = Numeric.IsMatch(Text.ToLowerInvariant()) ? "##number##" : Text.ToLowerInvariant();
                return type.Length > 1 && type[^1] == '.' ? type[..^1] : type;
            }
        }
    }
}
