using System.Text;
using EdcKg.Core.Text;
using Microsoft.ML.Tokenizers;

namespace EdcKg.Onnx;

/// <summary>
/// Turns a text into BERT input ids as Hugging Face's tokenizer does: basic tokenization, lower-casing and accent
/// stripping as the model's files say, WordPiece, then [CLS] … [SEP], truncated to the model's maximum length.
/// </summary>
internal sealed class WordPieceEncoder
{
    private readonly BertTokenizer tokenizer;
    private readonly string[] vocabulary;
    private readonly bool foldAccents;

    public WordPieceEncoder(SentenceTransformerFolder folder)
    {
        MaxLength = folder.MaxSequenceLength;
        foldAccents = folder.StripAccents;
        vocabulary = Encoding.UTF8.GetString(folder.Vocabulary).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = folder.LowerCase,

            // BertTokenizer keeps accents unless told; Hugging Face strips them for uncased models. Its own
            // decomposition is a no-op under invariant globalization, so precomposed letters are folded first.
            RemoveNonSpacingMarks = folder.StripAccents,
            ApplyBasicTokenization = true,
            UnknownToken = folder.UnknownToken,
            ClassificationToken = folder.ClassificationToken,
            SeparatorToken = folder.SeparatorToken,
            PaddingToken = folder.PaddingToken,
            MaskingToken = folder.MaskToken,
        };

        try
        {
            using var stream = new MemoryStream(folder.Vocabulary, writable: false);
            tokenizer = BertTokenizer.Create(stream, options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new OnnxModelException($"The vocabulary of '{folder.Folder}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>The most ids one text becomes, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; }

    public int PaddingId => tokenizer.PaddingTokenId;

    /// <summary>The ids of <paramref name="text"/> with [CLS] and [SEP]; <paramref name="truncated"/> says whether words were cut off.</summary>
    public int[] Encode(string text, out bool truncated)
    {
        var pieces = tokenizer.EncodeToIds(foldAccents ? AccentFolding.Fold(text) : text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var kept = Math.Min(pieces.Count, MaxLength - 2);
        truncated = kept < pieces.Count;
        var ids = new int[kept + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>The WordPiece tokens of <paramref name="text"/>, [CLS] and [SEP] included.</summary>
    public IReadOnlyList<string> Tokens(string text) =>
        Encode(text, out _).Select(id => id < vocabulary.Length ? vocabulary[id] : $"<{id}>").ToArray();
}
