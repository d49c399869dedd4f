using System.Collections.Frozen;
using System.Text;

namespace EdcKg.Core.Text;

/// <summary>Folds precomposed accented characters to their base letters, as uncased BERT tokenizers do.</summary>
public static partial class AccentFolding
{
    private static readonly FrozenDictionary<char, string> Folds = Table
        .Split('|', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(entry => entry[0], entry => entry[1..]);

    /// <summary>
    /// <paramref name="text"/> with every precomposed character replaced by its base letters; combining marks
    /// already apart are left for the tokenizer, which drops non-spacing marks.
    /// </summary>
    public static string Fold(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\u00c0', '\uffff');
        if (first < 0)
        {
            return text;
        }

        var folded = new StringBuilder(text.Length);
        folded.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (Folds.TryGetValue(text[i], out var replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(text[i]);
            }
        }

        return folded.ToString();
    }
}
