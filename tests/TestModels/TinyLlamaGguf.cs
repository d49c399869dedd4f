namespace TestModels;

/// <summary>
/// Writes a random-weight llama-architecture GGUF that llama.cpp loads for real: a SentencePiece vocabulary with
/// byte fallback and a ChatML chat template, so prompts tokenize and the chat template applies. Any shape works, up to
/// a real model's (<see cref="TinyLlamaSpec.Realistic750M"/>): weights are generated while the file is written, so
/// memory stays at one chunk whatever the model's size. Speed depends on the shape and the token counts, not on the
/// weights' values, so such a model measures what a real one of that shape would do.
/// </summary>
public static class TinyLlamaGguf
{
    /// <summary>The ChatML template stored in <c>tokenizer.chat_template</c>; llama.cpp recognises it by its markers.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    /// <summary>Writes the model described by <paramref name="spec"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The GGUF file to write.</param>
    /// <param name="spec">The shape (default: the tiny test model).</param>
    /// <param name="vocabulary">The vocabulary (default: the tiny one).</param>
    public static void Write(string path, TinyLlamaSpec? spec = null, TinyVocabulary? vocabulary = null)
    {
        spec ??= new TinyLlamaSpec();
        vocabulary ??= new TinyVocabulary();
        var n = vocabulary.Tokens.Count;
        var random = new Random(spec.Seed);
        var gguf = new GgufWriter();
        gguf.Add("general.architecture", "llama");
        gguf.Add("general.name", spec.Name);
        gguf.Add("general.file_type", spec.HalfPrecision ? 1u : 0u);
        gguf.Add("llama.context_length", (uint)spec.ContextLength);
        gguf.Add("llama.embedding_length", (uint)spec.Width);
        gguf.Add("llama.block_count", (uint)spec.Layers);
        gguf.Add("llama.feed_forward_length", (uint)spec.FeedForward);
        gguf.Add("llama.attention.head_count", (uint)spec.Heads);
        gguf.Add("llama.attention.head_count_kv", (uint)spec.Heads);
        gguf.Add("llama.rope.dimension_count", (uint)(spec.Width / spec.Heads));
        gguf.Add("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        gguf.Add("llama.vocab_size", (uint)n);
        gguf.Add("tokenizer.ggml.model", "llama");
        gguf.Add("tokenizer.ggml.tokens", vocabulary.Tokens);
        gguf.Add("tokenizer.ggml.scores", vocabulary.Scores);
        gguf.Add("tokenizer.ggml.token_type", vocabulary.Types);
        gguf.Add("tokenizer.ggml.unknown_token_id", 0u);
        gguf.Add("tokenizer.ggml.bos_token_id", (uint)vocabulary.Bos);
        gguf.Add("tokenizer.ggml.eos_token_id", (uint)vocabulary.Eos);
        gguf.Add("tokenizer.ggml.eot_token_id", (uint)vocabulary.EndOfTurn);
        gguf.Add("tokenizer.ggml.add_bos_token", true);
        gguf.Add("tokenizer.ggml.add_eos_token", false);
        gguf.Add("tokenizer.chat_template", ChatTemplate);

        var width = spec.Width;
        var ff = spec.FeedForward;
        // Values are drawn in file order from one generator as the file is written, so a shape always gets the same weights.
        static Action<long, Span<float>> Ones() => (_, chunk) => chunk.Fill(1f);
        Action<long, Span<float>> Uniform(float scale) => (_, chunk) =>
        {
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (float)((random.NextDouble() * 2) - 1) * scale;
            }
        };

        var half = spec.HalfPrecision;
        gguf.AddTensor("token_embd.weight", [width, n], half, Uniform(1f));
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            var prefix = $"blk.{layer}.";
            var attention = 1f / MathF.Sqrt(width);
            gguf.AddTensor(prefix + "attn_norm.weight", [width], half: false, Ones());
            gguf.AddTensor(prefix + "attn_q.weight", [width, width], half, Uniform(attention));
            gguf.AddTensor(prefix + "attn_k.weight", [width, width], half, Uniform(attention));
            gguf.AddTensor(prefix + "attn_v.weight", [width, width], half, Uniform(attention));
            gguf.AddTensor(prefix + "attn_output.weight", [width, width], half, Uniform(attention));
            gguf.AddTensor(prefix + "ffn_norm.weight", [width], half: false, Ones());
            gguf.AddTensor(prefix + "ffn_gate.weight", [width, ff], half, Uniform(attention));
            gguf.AddTensor(prefix + "ffn_up.weight", [width, ff], half, Uniform(attention));
            gguf.AddTensor(prefix + "ffn_down.weight", [ff, width], half, Uniform(1f / MathF.Sqrt(ff)));
        }

        gguf.AddTensor("output_norm.weight", [width], half: false, Ones());
        gguf.AddTensor("output.weight", [width, n], half, Uniform(spec.OutputScale / MathF.Sqrt(width)));
        gguf.Save(path);
    }
}
