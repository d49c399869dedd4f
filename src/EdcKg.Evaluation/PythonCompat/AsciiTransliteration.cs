using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using EdcKg.Core.Text;

namespace EdcKg.Evaluation.PythonCompat;

/// <summary>
/// Turns text into ASCII the way the scorer's reference does with <c>unidecode</c> for the characters that occur in
/// the benchmarks: Latin letters with diacritics lose them, ligatures and special letters are spelled out, typographic
/// punctuation becomes its ASCII look-alike, Greek and Cyrillic are romanised, other letters with diacritics lose them
/// through our own decomposition table (no ICU is needed). Letters of scripts without a table (CJK, Arabic, ...) keep
/// a stand-in where <c>unidecode</c> would romanise them, so they still count as words, one per ideograph.
/// </summary>
internal static class AsciiTransliteration
{
    private static readonly FrozenDictionary<int, string> Table = BuildTable();

    /// <summary>Returns the ASCII transliteration of <paramref name="text"/>.</summary>
    public static string ToAscii(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                result.Append((char)rune.Value);
            }
            else if (Table.TryGetValue(rune.Value, out var mapped))
            {
                result.Append(mapped);
            }
            else
            {
                result.Append(Decompose(rune));
            }
        }

        return result.ToString();
    }

    private static string Decompose(Rune rune)
    {
        // Letters with diacritics outside the tables (Vietnamese, Latin Extended Additional, polytonic Greek,
        // Cyrillic with marks) reduce to their base letter. The decomposition comes from our own table, not
        // string.Normalize, which does nothing useful under invariant globalization.
        var text = rune.ToString();
        var folded = AccentFolding.Fold(text);
        if (!string.Equals(folded, text, StringComparison.Ordinal)
            && folded.EnumerateRunes().All(part => part.IsAscii || Table.ContainsKey(part.Value)))
        {
            return ToAscii(folded);
        }

        // No decomposition, or a base letter without a table ("か" of "が"): the whole letter keeps its stand-in,
        // so a dropped mark still tells two letters apart as unidecode's "ga" and "ka" do.
        return StandIn(rune);
    }

    private static string StandIn(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        var value = Rune.GetNumericValue(rune);
        if (category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber && value >= 0 && value == Math.Floor(value))
        {
            // unidecode spells digits of every script, and circled or parenthesised numbers, as ASCII digits.
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter)
        {
            // unidecode romanises these letters (an ideograph is one word: "北京" is "Bei Jing "). Without its
            // tables, a letter keeps a stand-in named by its code point, so equal words still match, different
            // words still differ, and an ideograph is still a word of its own; only homophones differ from EDC.
            var name = "u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture);
            return IsIdeograph(rune.Value) ? name + " " : name;
        }

        // Marks, symbols and controls: unidecode drops most of them too.
        return string.Empty;
    }

    private static bool IsIdeograph(int codePoint) =>
        codePoint is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    private static FrozenDictionary<int, string> BuildTable()
    {
        var map = new Dictionary<int, string>();

        // Latin-1 Supplement, U+00A0..U+00FF, one entry per code point.
        string[] latin1 =
        [
            " ", "!", "C/", "PS", "$?", "Y=", "|", "SS", "\"", "(c)", "a", "<<", "!", "", "(r)", "-",
            "deg", "+-", "2", "3", "'", "u", "P", "*", ",", "1", "o", ">>", " 1/4", " 1/2", " 3/4", "?",
            "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
            "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
        ];
        for (var i = 0; i < latin1.Length; i++)
        {
            map[0xA0 + i] = latin1[i];
        }

        // Latin Extended-A, U+0100..U+017F: runs of one base letter in upper/lower pairs.
        AddPairs(map, 0x0100, "A", 3);
        AddPairs(map, 0x0106, "C", 4);
        AddPairs(map, 0x010E, "D", 2);
        AddPairs(map, 0x0112, "E", 5);
        AddPairs(map, 0x011C, "G", 4);
        AddPairs(map, 0x0124, "H", 2);
        AddPairs(map, 0x0128, "I", 5);
        AddPairs(map, 0x0132, "IJ", 1);
        AddPairs(map, 0x0134, "J", 1);
        AddPairs(map, 0x0136, "K", 1);
        map[0x0138] = "q";
        AddPairs(map, 0x0139, "L", 5);
        AddPairs(map, 0x0143, "N", 3);
        map[0x0149] = "'n";
        AddPairs(map, 0x014A, "NG", 1);
        AddPairs(map, 0x014C, "O", 3);
        AddPairs(map, 0x0152, "OE", 1);
        AddPairs(map, 0x0154, "R", 3);
        AddPairs(map, 0x015A, "S", 4);
        AddPairs(map, 0x0162, "T", 3);
        AddPairs(map, 0x0168, "U", 6);
        AddPairs(map, 0x0174, "W", 1);
        AddPairs(map, 0x0176, "Y", 1);
        map[0x0178] = "Y";
        AddPairs(map, 0x0179, "Z", 3);
        map[0x017F] = "s";
        map[0x0131] = "i";

        // Frequent Latin Extended-B letters (Romanian comma-below, pinyin carons, hooked f).
        map[0x0192] = "f";
        map[0x0218] = "S";
        map[0x0219] = "s";
        map[0x021A] = "T";
        map[0x021B] = "t";
        map[0x01CD] = "A";
        map[0x01CE] = "a";
        map[0x01CF] = "I";
        map[0x01D0] = "i";
        map[0x01D1] = "O";
        map[0x01D2] = "o";
        map[0x01D3] = "U";
        map[0x01D4] = "u";
        map[0x0259] = "@";

        // Combining diacritical marks vanish.
        for (var cp = 0x0300; cp <= 0x036F; cp++)
        {
            map[cp] = string.Empty;
        }

        // General punctuation.
        for (var cp = 0x2000; cp <= 0x200A; cp++)
        {
            map[cp] = " ";
        }

        string[] punctuation =
        [
            "", "", "", "", "", "-", "-", "-", "-", "--", "--", "||", "_", "'", "'", ",", "'", "\"", "\"", ",,", "\"",
            "+", "++", "*", "*>", ".", "..", "...", ".", "\n", "\n", "", "", "", "", "", " ",
            "%0", "%00", "'", "''", "'''", "`", "``", "```", "^", "<", ">", "*", "!!", "!?", "-", "_", "-", "^", "***", "--", "/",
        ];
        for (var i = 0; i < punctuation.Length; i++)
        {
            map[0x200B + i] = punctuation[i];
        }

        map[0x20AC] = "EUR";
        map[0x2122] = "TM";
        map[0x2212] = "-";

        AddAlphabet(map, 0x0430, ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "'", "y", "'", "e", "iu", "ia"]);
        AddAlphabet(map, 0x0410, ["A", "B", "V", "G", "D", "E", "Zh", "Z", "I", "I", "K", "L", "M", "N", "O", "P", "R", "S", "T", "U", "F", "Kh", "Ts", "Ch", "Sh", "Shch", "'", "Y", "'", "E", "Iu", "Ia"]);
        map[0x0451] = "io";
        map[0x0401] = "Io";
        map[0x0456] = "i";
        map[0x0406] = "I";
        map[0x0457] = "i";
        map[0x0407] = "I";
        map[0x0454] = "ie";
        map[0x0404] = "Ie";
        map[0x0491] = "g";
        map[0x0490] = "G";

        AddAlphabet(map, 0x03B1, ["a", "b", "g", "d", "e", "z", "e", "th", "i", "k", "l", "m", "n", "ks", "o", "p", "r", "s", "s", "t", "u", "ph", "kh", "ps", "o"]);
        AddAlphabet(map, 0x0391, ["A", "B", "G", "D", "E", "Z", "E", "Th", "I", "K", "L", "M", "N", "Ks", "O", "P", "R", "", "S", "T", "U", "Ph", "Kh", "Ps", "O"]);
        foreach (var (cp, text) in new[] { (0x03AC, "a"), (0x03AD, "e"), (0x03AE, "e"), (0x03AF, "i"), (0x03CC, "o"), (0x03CD, "u"), (0x03CE, "o"), (0x0386, "A"), (0x0388, "E"), (0x0389, "E"), (0x038A, "I"), (0x038C, "O"), (0x038E, "U"), (0x038F, "O") })
        {
            map[cp] = text;
        }

        return map.ToFrozenDictionary();
    }

    private static void AddPairs(Dictionary<int, string> map, int start, string upper, int pairs)
    {
        for (var i = 0; i < pairs; i++)
        {
            map[start + (2 * i)] = upper;
            map[start + (2 * i) + 1] = upper.ToLowerInvariant();
        }
    }

    private static void AddAlphabet(Dictionary<int, string> map, int start, string[] letters)
    {
        for (var i = 0; i < letters.Length; i++)
        {
            map[start + i] = letters[i];
        }
    }
}
