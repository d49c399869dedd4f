namespace TestModels;

/// <summary>
/// A SentencePiece-style vocabulary with byte fallback, so any text tokenizes: control tokens, the 256 byte tokens,
/// printable ASCII, and either a few common English pieces (the tiny test models, so prompts do not take one token
/// per letter) or pieces learned from texts with <see cref="SubwordTrainer"/> (realistic-shape models, so prompts
/// take about as many tokens as with a real model's tokenizer).
/// </summary>
public sealed class TinyVocabulary
{
    /// <summary>Token types as llama.cpp reads them from <c>tokenizer.ggml.token_type</c>.</summary>
    private const int Normal = 1, Unknown = 2, Control = 3, Unused = 5, Byte = 6;

    private static readonly string[] CommonPieces =
    [
        "▁the", "▁a", "▁of", "▁and", "▁in", "▁to", "▁is", "▁was", "▁for", "▁on", "▁by", "▁with", "▁as", "▁at",
        "▁Text", "Text", "▁Triplets", "Triplets", "▁relation", "▁entity", "▁[[", "[['", "',", "▁'", "']", "']]",
        "in", "er", "an", "on", "re", "at", "en", "es", "or", "ed", "th", "he", "ion", "ing", "tion",
    ];

    /// <summary>Builds the tiny vocabulary.</summary>
    public TinyVocabulary()
        : this(CommonPieces)
    {
    }

    /// <summary>
    /// Builds a vocabulary of <paramref name="size"/> tokens from learned <paramref name="characters"/> and
    /// <paramref name="pieces"/> (in the order they were learned: the earlier, the more a SentencePiece merge prefers
    /// it), padded with unused tokens up to <paramref name="size"/> so the model's embedding and output matrices have
    /// a real model's size.
    /// </summary>
    public TinyVocabulary(IReadOnlyList<string> characters, IReadOnlyList<string> pieces, int size)
        : this([])
    {
        var present = new HashSet<string>(Tokens, StringComparer.Ordinal);
        foreach (var character in characters.Where(present.Add))
        {
            Add(character, Normal, -2);
        }

        var rank = 0;
        foreach (var piece in pieces.Where(present.Add))
        {
            if (Tokens.Count >= size)
            {
                break;
            }

            Add(piece, Normal, -3 - (rank++ * 1e-3f));
        }

        while (Tokens.Count < size)
        {
            Add($"<unused{Tokens.Count}>", Unused, 0);
        }
    }

    private TinyVocabulary(IReadOnlyList<string> commonPieces)
    {
        Add("<unk>", Unknown, 0);
        Add("<s>", Control, 0);
        Add("</s>", Control, 0);
        Add("<|im_start|>", Control, 0);
        Add("<|im_end|>", Control, 0);
        for (var b = 0; b < 256; b++)
        {
            Add($"<0x{b:X2}>", Byte, 0);
        }

        Add("▁", Normal, -1);
        for (var c = 33; c < 127; c++)
        {
            Add(((char)c).ToString(), Normal, -2);
        }

        foreach (var piece in commonPieces)
        {
            // Longer pieces score higher so the SentencePiece merge prefers them.
            Add(piece, Normal, piece.Length);
        }
    }

    /// <summary>Token texts, by id.</summary>
    public List<string> Tokens { get; } = [];

    /// <summary>Merge scores, by id.</summary>
    public List<float> Scores { get; } = [];

    /// <summary>Token types, by id.</summary>
    public List<int> Types { get; } = [];

    /// <summary>Id of the begin-of-sequence token.</summary>
    public int Bos => 1;

    /// <summary>Id of the end-of-sequence token.</summary>
    public int Eos => 2;

    /// <summary>Id of the end-of-turn token of the ChatML template.</summary>
    public int EndOfTurn => 4;

    private void Add(string text, int type, float score)
    {
        Tokens.Add(text);
        Types.Add(type);
        Scores.Add(score);
    }
}
