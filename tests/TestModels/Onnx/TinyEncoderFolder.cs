using System.Text.Json;

namespace TestModels.Onnx;

/// <summary>
/// Writes a tiny BERT-like sentence-transformers export: an ONNX encoder with real operators (Gather embeddings,
/// LayerNormalization, one single-head self-attention block with MatMul/Softmax and an attention mask, a ReLU
/// feed-forward block) and fixed random weights, plus the tokenizer and sentence-transformers configuration files.
/// </summary>
public static class TinyEncoderFolder
{
    /// <summary>Writes the model into <paramref name="folder"/> (created if missing) and returns the folder.</summary>
    public static string Write(string folder, TinyEncoderSpec? spec = null)
    {
        spec ??= new TinyEncoderSpec();
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), BuildModel(spec, quantized: false));
        if (spec.WriteQuantized)
        {
            File.WriteAllBytes(Path.Combine(folder, "model_quantized.onnx"), BuildModel(spec, quantized: true));
        }

        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), TinyVocabulary.Tokens);
        WriteJson(folder, "config.json", new Dictionary<string, object>
        {
            ["model_type"] = "bert",
            ["hidden_size"] = spec.HiddenSize,
            ["max_position_embeddings"] = spec.MaxPositions,
            ["vocab_size"] = TinyVocabulary.Tokens.Count,
            ["type_vocab_size"] = 2,
        });
        WriteJson(folder, "tokenizer_config.json", new Dictionary<string, object>
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = spec.LowerCase,
            ["model_max_length"] = spec.MaxPositions,
            ["unk_token"] = "[UNK]",
            ["cls_token"] = "[CLS]",
            ["sep_token"] = "[SEP]",
            ["pad_token"] = "[PAD]",
            ["mask_token"] = "[MASK]",
        });
        WriteJson(folder, "sentence_bert_config.json", new Dictionary<string, object>
        {
            ["max_seq_length"] = spec.MaxSequenceLength,
            ["do_lower_case"] = false,
        });
        var modules = new List<Dictionary<string, object>>
        {
            new() { ["idx"] = 0, ["name"] = "0", ["path"] = "", ["type"] = "sentence_transformers.models.Transformer" },
            new() { ["idx"] = 1, ["name"] = "1", ["path"] = "1_Pooling", ["type"] = "sentence_transformers.models.Pooling" },
        };
        if (spec.Normalize)
        {
            modules.Add(new() { ["idx"] = 2, ["name"] = "2", ["path"] = "2_Normalize", ["type"] = "sentence_transformers.models.Normalize" });
        }

        WriteJson(folder, "modules.json", modules);
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        WriteJson(folder, Path.Combine("1_Pooling", "config.json"), new Dictionary<string, object>
        {
            ["word_embedding_dimension"] = spec.HiddenSize,
            ["pooling_mode_cls_token"] = spec.Pooling == "cls",
            ["pooling_mode_mean_tokens"] = spec.Pooling == "mean",
            ["pooling_mode_max_tokens"] = spec.Pooling == "max",
            ["pooling_mode_mean_sqrt_len_tokens"] = false,
            ["pooling_mode_lasttoken"] = spec.Pooling == "lasttoken",
        });
        if (spec.Prompts is not null)
        {
            WriteJson(folder, "config_sentence_transformers.json", new Dictionary<string, object>
            {
                ["prompts"] = spec.Prompts,
                ["default_prompt_name"] = null!,
            });
        }

        return folder;
    }

    private static void WriteJson(string folder, string name, object value) =>
        File.WriteAllText(Path.Combine(folder, name), JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true }));

    private static byte[] BuildModel(TinyEncoderSpec spec, bool quantized)
    {
        var h = spec.HiddenSize;
        var ffn = 2 * h;
        var vocab = TinyVocabulary.Tokens.Count;
        var random = new Random(spec.Seed);
        var g = new OnnxGraph();

        g.Input("input_ids", OnnxGraph.Int64, "batch", "sequence");
        g.Input("attention_mask", OnnxGraph.Int64, "batch", "sequence");
        if (spec.TakesTokenTypeIds)
        {
            g.Input("token_type_ids", OnnxGraph.Int64, "batch", "sequence");
        }

        if (spec.UnexpectedInput is { } extra)
        {
            g.Input(extra, OnnxGraph.Float32, "batch");
        }

        g.Output("last_hidden_state", OnnxGraph.Float32, "batch", "sequence", h);

        var one = g.Tensor("one_i64", [1L]);
        var zero = g.Tensor("zero_i64", [0L]);
        var axisOne = g.Tensor("axes_1", [1L], 1);

        var tokens = g.Node("Gather", [g.Tensor("word_embeddings", Uniform(random, vocab * h, 1f), vocab, h), "input_ids"], "token_embeddings");
        var shape = g.Node("Shape", ["input_ids"], "ids_shape");
        var length = g.Node("Gather", [shape, one], "sequence_length", ("axis", 0));
        var positionIds = g.Node("Range", [zero, length, one], "position_ids");
        var positions = g.Node("Gather", [g.Tensor("position_embeddings", Uniform(random, spec.MaxPositions * h, 1f), spec.MaxPositions, h), positionIds], "position_vectors");
        var embedded = g.Node("Add", [tokens, positions], "embedded_positions");
        if (spec.TakesTokenTypeIds)
        {
            var types = g.Node("Gather", [g.Tensor("token_type_embeddings", Uniform(random, 2 * h, 1f), 2, h), "token_type_ids"], "type_vectors");
            embedded = g.Node("Add", [embedded, types], "embedded_types");
        }

        var hidden0 = LayerNorm(g, random, embedded, "embeddings_norm", h);

        var linearScale = 1f / MathF.Sqrt(h);
        var q = Linear(g, random, hidden0, "query", h, h, linearScale, quantized);
        var k = Linear(g, random, hidden0, "key", h, h, linearScale, quantized);
        var v = Linear(g, random, hidden0, "value", h, h, linearScale, quantized);
        var kT = g.Node("Transpose", [k], "key_t", ("perm", new long[] { 0, 2, 1 }));
        var scores = g.Node("MatMul", [q, kT], "scores_raw");
        scores = g.Node("Mul", [scores, g.Tensor("score_scale", [1f / MathF.Sqrt(h)])], "scores_scaled");

        // Padded positions get a large negative bias so softmax gives them exactly zero weight.
        var maskFloat = g.Node("Cast", ["attention_mask"], "mask_float", ("to", OnnxGraph.Float32));
        var inverted = g.Node("Sub", [g.Tensor("one_f", [1f]), maskFloat], "mask_inverted");
        var bias = g.Node("Mul", [inverted, g.Tensor("mask_bias", [-10000f])], "mask_bias_2d");
        bias = g.Node("Unsqueeze", [bias, axisOne], "mask_bias_3d");
        scores = g.Node("Add", [scores, bias], "scores_masked");
        var probabilities = g.Node("Softmax", [scores], "attention_probabilities", ("axis", -1));
        var context = g.Node("MatMul", [probabilities, v], "attention_context");
        var attended = Linear(g, random, context, "attention_output", h, h, linearScale, quantized);
        attended = g.Node("Add", [attended, hidden0], "attention_residual");
        var hidden1 = LayerNorm(g, random, attended, "attention_norm", h);

        var inner = Linear(g, random, hidden1, "ffn_in", h, ffn, linearScale, quantized);
        inner = g.Node("Relu", [inner], "ffn_relu");
        var outer = Linear(g, random, inner, "ffn_out", ffn, h, 1f / MathF.Sqrt(ffn), quantized);
        outer = g.Node("Add", [outer, hidden1], "ffn_residual");
        var gamma = g.Tensor("output_norm_gamma", Around(random, h, 1f, 0.1f), h);
        var beta = g.Tensor("output_norm_beta", Uniform(random, h, 0.1f), h);
        g.Node("LayerNormalization", [outer, gamma, beta], "last_hidden_state", ("axis", -1), ("epsilon", 1e-12f));

        return g.ToModel(opset: 17);
    }

    private static string LayerNorm(OnnxGraph g, Random random, string input, string name, int h)
    {
        var gamma = g.Tensor($"{name}_gamma", Around(random, h, 1f, 0.1f), h);
        var beta = g.Tensor($"{name}_beta", Uniform(random, h, 0.1f), h);
        return g.Node("LayerNormalization", [input, gamma, beta], name, ("axis", -1), ("epsilon", 1e-12f));
    }

    private static string Linear(OnnxGraph g, Random random, string input, string name, int inputs, int outputs, float scale, bool quantized)
    {
        var weights = Uniform(random, inputs * outputs, scale);
        var bias = g.Tensor($"{name}_bias", Uniform(random, outputs, 0.1f), outputs);
        string product;
        if (!quantized)
        {
            product = g.Node("MatMul", [input, g.Tensor($"{name}_weight", weights, inputs, outputs)], $"{name}_product");
        }
        else
        {
            // The layout of onnxruntime's dynamic int8 quantization: activations quantized per call,
            // weights stored as uint8 with a scale and zero point, the int32 product rescaled to float.
            var (codes, weightScale, weightZero) = QuantizeUInt8(weights);
            string[] quantizedInput = [$"{name}_input_q", $"{name}_input_scale", $"{name}_input_zero"];
            g.Node("DynamicQuantizeLinear", [input], quantizedInput);
            var integer = g.Node(
                "MatMulInteger",
                [quantizedInput[0], g.Tensor($"{name}_weight_q", codes, inputs, outputs), quantizedInput[2], g.Tensor($"{name}_weight_zero", new[] { weightZero })],
                $"{name}_product_int");
            var asFloat = g.Node("Cast", [integer], $"{name}_product_float", ("to", OnnxGraph.Float32));
            var combinedScale = g.Node("Mul", [quantizedInput[1], g.Tensor($"{name}_weight_scale", [weightScale])], $"{name}_scale");
            product = g.Node("Mul", [asFloat, combinedScale], $"{name}_product");
        }

        return g.Node("Add", [product, bias], name);
    }

    private static (byte[] Codes, float Scale, byte Zero) QuantizeUInt8(float[] weights)
    {
        var min = Math.Min(0f, weights.Min());
        var max = Math.Max(0f, weights.Max());
        var scale = (max - min) / 255f;
        var zero = (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255);
        var codes = new byte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            codes[i] = (byte)Math.Clamp(MathF.Round(weights[i] / scale) + zero, 0, 255);
        }

        return (codes, scale, zero);
    }

    private static float[] Uniform(Random random, int count, float amplitude)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * amplitude);
        }

        return values;
    }

    private static float[] Around(Random random, int count, float center, float amplitude)
    {
        var values = Uniform(random, count, amplitude);
        for (var i = 0; i < count; i++)
        {
            values[i] += center;
        }

        return values;
    }
}
