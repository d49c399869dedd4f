using EdcKg.Core.Domain;

namespace EdcKg.Core.Entities;

/// <summary>Collects the entity mentions of an iteration's canonical triples, in corpus order, with a context sentence for each.</summary>
public static class EntityMentions
{
    /// <summary>The longest context kept (characters); a longer sentence is cut around the name.</summary>
    public const int MaxContextLength = 240;

    /// <summary>
    /// The mentions of the triples of <paramref name="documents"/>, one per (document, name), in corpus order and, within a document,
    /// in the order the names first occur (subject before object). The context sentence is taken from the document's
    /// text (pass a chunk as the document to take it from the chunk).
    /// </summary>
    public static IReadOnlyList<EntityMention> Collect(IEnumerable<(Document Document, IReadOnlyList<Triple> Triples)> documents)
    {
        var mentions = new List<EntityMention>();
        foreach (var (document, triples) in documents)
        {
            var order = new List<string>();
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            var firstTriple = new Dictionary<string, Triple>(StringComparer.Ordinal);
            foreach (var triple in triples)
            {
                foreach (var name in new[] { triple.Subject, triple.Object })
                {
                    if (string.IsNullOrWhiteSpace(name) || EntityName.Of(name).Tokens.Count == 0)
                    {
                        continue;
                    }

                    if (occurrences.TryAdd(name, 1))
                    {
                        order.Add(name);
                        firstTriple[name] = triple;
                    }
                    else
                    {
                        occurrences[name]++;
                    }
                }
            }

            var sentences = ContextSentences.Split(document.Text);
            foreach (var name in order)
            {
                var t = firstTriple[name];
                var context = ContextSentences.Find(sentences, name) ?? $"{t.Subject} {t.Relation.Replace('_', ' ')} {t.Object}.";
                mentions.Add(new EntityMention(document.Index, document.Id, name, Cut(context, name), occurrences[name]));
            }
        }

        return mentions;
    }

    private static string Cut(string sentence, string name)
    {
        if (sentence.Length <= MaxContextLength)
        {
            return sentence;
        }

        var at = Math.Max(0, sentence.IndexOf(name, StringComparison.OrdinalIgnoreCase));
        var start = Math.Clamp(at - (MaxContextLength / 3), 0, sentence.Length - MaxContextLength);
        return sentence.Substring(start, MaxContextLength).Trim();
    }
}
