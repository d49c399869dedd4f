namespace TestModels;

/// <summary>
/// Writes a random-weight BERT-architecture GGUF (the layout of sentence-transformers encoders such as bge-small
/// converted for llama.cpp): learned positions, post-layer norms with biases, bidirectional attention, CLS pooling
/// and a WordPiece vocabulary in llama.cpp's form (word-initial pieces carry a leading "▁", continuations none), so
/// any lower-case English text tokenizes.
/// </summary>
public static class TinyBertGguf
{
    /// <summary>The id of [CLS], the token CLS pooling reads.</summary>
    public const int Cls = 2;

    /// <summary>The id of [SEP], which ends every input.</summary>
    public const int Sep = 3;

    private const int Normal = 1, Control = 3;

    private static readonly string[] Words =
    [
        "the", "of", "in", "is", "was", "by", "subject", "object", "entity", "born", "capital", "location",
        "specified", "country", "city", "member", "team", "relation",
    ];

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public static void Write(string path, int width = 32, int layers = 2, int heads = 2, int contextLength = 128, int seed = 5)
    {
        var (tokens, types) = Vocabulary();
        var n = tokens.Count;
        var feedForward = 2 * width;
        var random = new Random(seed);
        var gguf = new GgufWriter();
        gguf.Add("general.architecture", "bert");
        gguf.Add("general.name", "edckg-tiny-random-bert");
        gguf.Add("general.file_type", 0u);
        gguf.Add("bert.context_length", (uint)contextLength);
        gguf.Add("bert.embedding_length", (uint)width);
        gguf.Add("bert.feed_forward_length", (uint)feedForward);
        gguf.Add("bert.block_count", (uint)layers);
        gguf.Add("bert.attention.head_count", (uint)heads);
        gguf.Add("bert.attention.layer_norm_epsilon", 1e-12f);
        gguf.Add("bert.attention.causal", false);
        gguf.Add("bert.pooling_type", 2u);
        gguf.Add("tokenizer.ggml.model", "bert");
        gguf.Add("tokenizer.ggml.tokens", tokens);
        gguf.Add("tokenizer.ggml.token_type", types);
        gguf.Add("tokenizer.ggml.token_type_count", 2u);
        gguf.Add("tokenizer.ggml.padding_token_id", 0u);
        gguf.Add("tokenizer.ggml.unknown_token_id", 1u);
        gguf.Add("tokenizer.ggml.bos_token_id", (uint)Cls);
        gguf.Add("tokenizer.ggml.seperator_token_id", (uint)Sep);
        gguf.Add("tokenizer.ggml.mask_token_id", 4u);

        float[] Constant(int count, float value) => Enumerable.Repeat(value, count).ToArray();
        float[] Uniform(int count, float scale)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
            }

            return values;
        }

        var attention = 1f / MathF.Sqrt(width);
        gguf.AddTensor("token_embd.weight", [width, n], Uniform(width * n, 1f), half: false);
        gguf.AddTensor("token_types.weight", [width, 2], Uniform(width * 2, 0.1f), half: false);
        gguf.AddTensor("position_embd.weight", [width, contextLength], Uniform(width * contextLength, 0.5f), half: false);
        gguf.AddTensor("token_embd_norm.weight", [width], Constant(width, 1f), half: false);
        gguf.AddTensor("token_embd_norm.bias", [width], Constant(width, 0f), half: false);
        for (var layer = 0; layer < layers; layer++)
        {
            var prefix = $"blk.{layer}.";
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                gguf.AddTensor(prefix + projection + ".weight", [width, width], Uniform(width * width, attention), half: false);
                gguf.AddTensor(prefix + projection + ".bias", [width], Uniform(width, 0.05f), half: false);
            }

            gguf.AddTensor(prefix + "attn_output_norm.weight", [width], Constant(width, 1f), half: false);
            gguf.AddTensor(prefix + "attn_output_norm.bias", [width], Constant(width, 0f), half: false);
            gguf.AddTensor(prefix + "ffn_up.weight", [width, feedForward], Uniform(width * feedForward, attention), half: false);
            gguf.AddTensor(prefix + "ffn_up.bias", [feedForward], Uniform(feedForward, 0.05f), half: false);
            gguf.AddTensor(prefix + "ffn_down.weight", [feedForward, width], Uniform(feedForward * width, 1f / MathF.Sqrt(feedForward)), half: false);
            gguf.AddTensor(prefix + "ffn_down.bias", [width], Uniform(width, 0.05f), half: false);
            gguf.AddTensor(prefix + "layer_output_norm.weight", [width], Constant(width, 1f), half: false);
            gguf.AddTensor(prefix + "layer_output_norm.bias", [width], Constant(width, 0f), half: false);
        }

        gguf.Save(path);
    }

    private static (List<string> Tokens, List<int> Types) Vocabulary()
    {
        var tokens = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        var types = Enumerable.Repeat(Control, tokens.Count).ToList();
        void Add(string token)
        {
            tokens.Add(token);
            types.Add(Normal);
        }

        foreach (var word in Words)
        {
            Add("▁" + word);
        }

        // Every letter and digit, word-initial and continuing, and punctuation (a word of its own after splitting).
        foreach (var c in "abcdefghijklmnopqrstuvwxyz0123456789")
        {
            Add("▁" + c);
            Add(c.ToString());
        }

        foreach (var c in ".,;:'\"!?()[]-_/")
        {
            Add("▁" + c);
        }

        Add("ing");
        Add("ed");
        Add("tion");
        return (tokens, types);
    }
}
