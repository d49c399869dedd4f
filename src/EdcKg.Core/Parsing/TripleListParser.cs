using EdcKg.Core.Domain;

namespace EdcKg.Core.Parsing;

/// <summary>
/// Reads <c>[subject, relation, object]</c> triples out of free LLM text the way EDC does (every matched bracket
/// pair is tried as a Python literal, innermost first), and a little more tolerantly: list-valued elements are
/// joined with ", ", unquoted <c>[a, b, c]</c> is accepted, empty and "_" elements drop the triple, and duplicates
/// are removed keeping the first. Fragments that look like a triple but cannot be read are reported, and so is an
/// unclosed last triple (an answer cut at the token limit).
/// </summary>
public static class TripleListParser
{
    /// <summary>Parses <paramref name="answer"/>.</summary>
    public static TripleListParse Parse(string answer)
    {
        var triples = new List<Triple>();
        var seen = new HashSet<Triple>();
        var unparsed = new List<string>();
        var open = new Stack<int>();
        var innermost = new Stack<bool>();
        var sawBracket = false;

        for (var i = 0; i < answer.Length; i++)
        {
            var c = answer[i];
            if (c == '[')
            {
                if (innermost.Count > 0)
                {
                    innermost.Pop();
                    innermost.Push(false);
                }

                open.Push(i);
                innermost.Push(true);
                sawBracket = true;
                continue;
            }

            if (c != ']' || open.Count == 0)
            {
                continue;
            }

            var start = open.Pop();
            var isInnermost = innermost.Pop();
            var fragment = answer[start..(i + 1)];
            var triple = ReadTriple(fragment, isInnermost, out var looksLikeTriple);
            if (triple is not null)
            {
                if (seen.Add(triple))
                {
                    triples.Add(triple);
                }
            }
            else if (looksLikeTriple)
            {
                unparsed.Add(fragment);
            }
        }

        // An answer cut at the token limit ends inside its last triple: report it as unread instead of dropping it.
        if (open.Count > 0 && innermost.Peek() && answer[open.Peek()..].TrimEnd() is { Length: > 1 } unclosed)
        {
            unparsed.Add(unclosed);
        }

        if (!sawBracket && !string.IsNullOrWhiteSpace(answer))
        {
            unparsed.Add(answer.Trim());
        }

        return new TripleListParse(triples, unparsed);
    }

    private static Triple? ReadTriple(string fragment, bool isInnermost, out bool looksLikeTriple)
    {
        looksLikeTriple = false;
        if (PythonLiteralParser.TryParse(fragment, out var value, out _) && value is PyValue.Sequence sequence)
        {
            var items = sequence.Items;
            if (items.Count == 3 && items.All(item => item is PyValue.Str))
            {
                looksLikeTriple = true;
                return Make(items.Select(item => ((PyValue.Str)item).Value).ToArray());
            }

            // EDC joins list-valued elements when the items are of mixed types: ['a', 'b', ['c', 'd']].
            if (items.Count == 3 && items.Any(item => item is PyValue.Str) && items.Any(item => item is PyValue.Sequence))
            {
                looksLikeTriple = true;
                var joined = new string[3];
                for (var k = 0; k < 3; k++)
                {
                    joined[k] = items[k] switch
                    {
                        PyValue.Str s => s.Value,
                        PyValue.Sequence list when list.Items.All(x => x is PyValue.Str) =>
                            string.Join(", ", list.Items.Select(x => ((PyValue.Str)x).Value)),
                        _ => string.Empty,
                    };
                }

                return Make(joined);
            }

            return null;
        }

        if (!isInnermost)
        {
            return null;
        }

        // Unquoted elements, as small models often write them: [Trane, location, Swords Dublin].
        var inner = fragment[1..^1];
        looksLikeTriple = inner.Contains(',');
        if (inner.Contains('\'') || inner.Contains('"'))
        {
            return null;
        }

        var parts = inner.Split(',');
        return parts.Length == 3 ? Make(parts.Select(p => p.Trim()).ToArray()) : null;
    }

    private static Triple? Make(string[] elements)
    {
        if (elements.Any(e => e.Length == 0 || e == "_"))
        {
            return null;
        }

        return new Triple(elements[0], elements[1], elements[2]);
    }
}
