namespace EdcKg.Core.Parsing;

/// <summary>Reads the letter a verifier chose among the offered choices.</summary>
public static class ChoiceParser
{
    /// <summary>
    /// The chosen letter: EDC takes the answer's first character; we also skip white space, an "Answer:" lead-in,
    /// brackets and quotes first. Null when that character is not one of <paramref name="letters"/>.
    /// </summary>
    public static string? Parse(string answer, IReadOnlyList<string> letters)
    {
        var text = answer.TrimStart();
        if (text.StartsWith("Answer:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["Answer:".Length..].TrimStart();
        }

        text = text.TrimStart('(', '[', '\'', '"', '*', ' ');
        if (text.Length == 0)
        {
            return null;
        }

        var letter = text[..1];
        return letters.Contains(letter) ? letter : null;
    }
}
