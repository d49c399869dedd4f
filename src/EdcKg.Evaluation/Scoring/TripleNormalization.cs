using System.Text.RegularExpressions;
using System.Text;
using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// The reference scorer's clean-up of one triple text <c>"s | p | o"</c>: it first survives an XML write and an HTML
/// parse, then camelCase is split, everything lower-cased, <c>_</c> becomes a space, whitespace runs fold into one
/// space, the text is transliterated to ASCII, and a trailing <c>" (…)"</c> is cut from the object.
/// </summary>
internal static partial class TripleNormalization
{
    /// <summary>The triple text as the reference scorer writes it into its XML files: <c>"{s} | {p} | {o}"</c>.</summary>
    public static string Join(string subject, string predicate, string obj) => $"{subject} | {predicate} | {obj}";

    /// <summary>
    /// What the text becomes after the reference's XML round trip: the HTML parser turns CR and CRLF into LF and drops
    /// characters that XML 1.0 forbids (C0 controls other than tab and LF, lone surrogates, U+FFFE, U+FFFF).
    /// </summary>
    public static string AfterXmlRoundTrip(string text)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var keep = c switch
            {
                '\t' or '\n' => true,
                '\r' => false,
                < ' ' => false,
                '\uFFFE' or '\uFFFF' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(text[i - 1]),
                _ => true,
            };
            if (keep && result is null)
            {
                continue;
            }

            result ??= new StringBuilder(text, 0, i, text.Length);
            if (keep)
            {
                result.Append(c);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                result.Append('\n');
            }
        }

        return result?.ToString() ?? text;
    }

    /// <summary>The normalised triple text that the reference scores (its <c>getRefs</c>/<c>getCands</c>).</summary>
    public static string Normalize(string tripleText)
    {
        var text = CamelBoundary().Replace(tripleText, "$1 $2");
        text = PythonLower(text);
        text = text.Replace('_', ' ');
        text = Whitespace().Replace(text, " ");
        text = AsciiTransliteration.ToAscii(text);
        var parts = text.Split(" | ");
        var match = TrailingParenthesis().Match(parts[^1]);
        if (match.Success)
        {
            parts[^1] = match.Groups[1].Value;
            text = string.Join(" | ", parts);
        }

        return text;
    }

    /// <summary>Python's <c>str.lower()</c>: full case mapping, so U+0130 becomes "i̇" (two code points).</summary>
    public static string PythonLower(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower.Contains('\u0130') || text.Contains('\u0130') ? text.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant() : lower;
    }

    [GeneratedRegex("([a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(.*?)(\s\((.*?)\))$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingParenthesis();
}
