namespace EdcKg.Review.Model;

/// <summary>
/// Finds a mention of an entity in a document's text for the document view when the run recorded no span for it
/// (runs made before spans were recorded): case-insensitive occurrences (with underscores read as spaces when the
/// name has them as written). Offsets are UTF-16 code units, as the page's script counts them. Never invents a span.
/// </summary>
internal static class SpanLocator
{
    /// <summary>
    /// The mentions of a triple's subject and object: of all their occurrences, the closest pair (subject first on a
    /// tie), so "Acme located_in Paris" after "Alice works_for Acme" marks the second Acme, not the first.
    /// </summary>
    public static ((int Start, int End)? Subject, (int Start, int End)? Object) LocatePair(string text, string subject, string @object)
    {
        var subjects = Occurrences(text, subject);
        var objects = Occurrences(text, @object);
        if (subjects.Count == 0 || objects.Count == 0)
        {
            return (subjects.Count > 0 ? subjects[0] : null, objects.Count > 0 ? objects[0] : null);
        }

        var best = (Subject: subjects[0], Object: objects[0]);
        var bestDistance = long.MaxValue;
        foreach (var s in subjects)
        {
            foreach (var o in objects)
            {
                // Overlapping mentions (a subject inside its object) are allowed; a subject after its object costs one more.
                var distance = (Math.Abs((long)o.Start - s.Start) * 2) + (o.Start < s.Start ? 1 : 0);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = (s, o);
                }
            }
        }

        return (best.Subject, best.Object);
    }

    private static List<(int Start, int End)> Occurrences(string text, string mention)
    {
        var found = new List<(int, int)>();
        foreach (var form in mention.Contains('_', StringComparison.Ordinal) ? new[] { mention, mention.Replace('_', ' ') } : [mention])
        {
            for (var at = form.Length == 0 ? -1 : text.IndexOf(form, StringComparison.OrdinalIgnoreCase); at >= 0 && found.Count < 200; at = text.IndexOf(form, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((at, at + form.Length));
            }

            if (found.Count > 0)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The UTF-16 offset of code point <paramref name="codePoint"/> of <paramref name="text"/> (spans are stored in code points).</summary>
    public static int Utf16Offset(string text, int codePoint)
    {
        var offset = 0;
        for (var i = 0; i < codePoint && offset < text.Length; i++)
        {
            offset += char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length ? 2 : 1;
        }

        return offset;
    }
}
