using System.Text.Json.Serialization;

namespace EdcKg.Core.Entities;

/// <summary>
/// One entity name as it occurs in one document: the unit entity resolution decides about. The same name in another
/// document is another mention (it merges without asking when the normalised names are equal).
/// </summary>
/// <param name="DocumentIndex">The document's position in corpus order.</param>
/// <param name="DocumentId">The document's id (stable across runs and updates).</param>
/// <param name="Name">The name as extracted (a triple's subject or object).</param>
/// <param name="Context">A sentence of the document where the name occurs (or the triple it came from when no sentence holds it).</param>
/// <param name="Occurrences">How many triple subjects and objects of the document carry the name.</param>
public sealed record EntityMention(int DocumentIndex, string DocumentId, string Name, string Context, int Occurrences = 1)
{
    /// <summary>The key of the mention: the document id and the name.</summary>
    [JsonIgnore]
    public string Key => MentionKey(DocumentId, Name);

    /// <summary>The key of the mention of <paramref name="name"/> in the document <paramref name="documentId"/>.</summary>
    public static string MentionKey(string documentId, string name) => documentId + "\u001f" + name;

    /// <summary>
    /// The text embedded for the mention: the name, then the sentence, so that two mentions of one name in different
    /// contexts ("Chelsea" the district, "Chelsea" the club) get different vectors.
    /// </summary>
    [JsonIgnore]
    public string EmbeddingText => Name + ": " + Context;
}
