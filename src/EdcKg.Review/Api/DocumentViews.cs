namespace EdcKg.Review.Api;

/// <summary>A document in the list.</summary>
internal sealed record DocumentListItem(int Index, string Id, int Length, int Triples);

/// <summary><c>GET /api/documents</c>.</summary>
internal sealed record DocumentListResponse(int Total, IReadOnlyList<DocumentListItem> Items);

/// <summary>
/// A mention's place in the text: UTF-16 offsets (as the page's script counts), and whether the run recorded it
/// (<c>recorded</c>) or the review found it by searching the text (<c>located</c>).
/// </summary>
internal sealed record SpanView(int Start, int End, string Source);

/// <summary>A triple of the document with its spans.</summary>
internal sealed record DocumentTripleView(
    int Id,
    string Subject,
    string Relation,
    string Object,
    string SubjectId,
    string ObjectId,
    SpanView? SubjectSpan,
    SpanView? ObjectSpan,
    string Outcome,
    bool Corrected,
    int Iteration,
    int Position);

/// <summary><c>GET /api/documents/{id}</c>: the source text and the final triples with their spans.</summary>
internal sealed record DocumentView(int Index, string Id, string Text, int? Iteration, IReadOnlyList<DocumentTripleView> Triples);
