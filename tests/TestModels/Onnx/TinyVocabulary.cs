namespace TestModels.Onnx;

/// <summary>The WordPiece vocabulary of the tiny encoder, one token per line of <c>vocab.txt</c>.</summary>
public static class TinyVocabulary
{
    /// <summary>The tokens, in id order.</summary>
    public static IReadOnlyList<string> Tokens { get; } =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        ".", ",", "!", "?", "-", "'", "(", ")", ":", ";", "\"",
        "the", "a", "an", "of", "in", "is", "was", "born", "city", "capital", "country", "cafe", "resume",
        "person", "located", "paris", "france", "berlin", "germany", "un", "##believ", "##able", "play",
        "##ing", "##ed", "##s", "river", "member", "team", "author", "book", "written", "by", "relation",
        "subject", "object", "query", "passage", "instruct", "retrieve", "description", "naive",
        "flows", "through", "to", "and", "at", "on", "for", "with", "he", "she", "it", "has", "x", "##y",
        "##z", "die", "d", "##ied", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "##0", "##1",
    ];
}
