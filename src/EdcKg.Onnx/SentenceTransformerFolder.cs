using System.Text;
using System.Text.Json;

namespace EdcKg.Onnx;

/// <summary>
/// What a sentence-transformers ONNX export folder says about its model: the ONNX file, the WordPiece vocabulary and
/// its casing, the maximum sequence length, pooling, normalisation and prompts.
/// </summary>
internal sealed record SentenceTransformerFolder
{
    public required string Folder { get; init; }

    public required string ModelPath { get; init; }

    /// <summary>The vocabulary as <c>vocab.txt</c> bytes (one token per line, in id order).</summary>
    public required byte[] Vocabulary { get; init; }

    public required bool LowerCase { get; init; }

    public required bool StripAccents { get; init; }

    public required string UnknownToken { get; init; }

    public required string ClassificationToken { get; init; }

    public required string SeparatorToken { get; init; }

    public required string PaddingToken { get; init; }

    public required string MaskToken { get; init; }

    public required int MaxSequenceLength { get; init; }

    public required PoolingMode Pooling { get; init; }

    public required bool Normalize { get; init; }

    /// <summary>The sentence vector width the folder declares, if it does.</summary>
    public int? Dimension { get; init; }

    /// <summary>The prompts of <c>config_sentence_transformers.json</c> (none when the folder has no such file).</summary>
    public required Core.Prompts.EmbeddingPrompts Prompts { get; init; }

    public static SentenceTransformerFolder Read(string folder, OnnxEmbedderOptions options)
    {
        if (!Directory.Exists(folder))
        {
            throw new OnnxModelException($"The embedding model folder '{folder}' does not exist.");
        }

        var modelPath = FindModel(folder, options.ModelFileName);
        var tokenizerConfig = ReadJson(folder, "tokenizer_config.json");
        var sentenceConfig = ReadJson(folder, "sentence_bert_config.json");
        var modelConfig = ReadJson(folder, "config.json");
        var modules = ReadJson(folder, "modules.json");
        Core.Prompts.EmbeddingPrompts prompts;
        try
        {
            prompts = Core.Prompts.EmbeddingPromptsFile.Read(folder);
        }
        catch (InvalidDataException e)
        {
            throw new OnnxModelException(e.Message, e);
        }

        var (vocabulary, tokenizerJson) = ReadVocabulary(folder);
        var lowerCase = Bool(tokenizerConfig, "do_lower_case")
            ?? Bool(Property(tokenizerJson, "normalizer"), "lowercase")
            ?? true;

        // Hugging Face strips accents whenever it lower-cases, unless strip_accents says otherwise.
        var stripAccents = Bool(tokenizerConfig, "strip_accents")
            ?? Bool(Property(tokenizerJson, "normalizer"), "strip_accents")
            ?? lowerCase;

        var positions = Int(modelConfig, "max_position_embeddings");
        var maxLength = options.MaxSequenceLength ?? Int(sentenceConfig, "max_seq_length");

        // Tokenizers without a real limit write a huge sentinel as model_max_length.
        if (maxLength is null && Int(tokenizerConfig, "model_max_length") is { } limit && limit < 1_000_000)
        {
            maxLength = limit;
        }

        maxLength ??= positions ?? 512;
        if (positions is { } p && maxLength > p)
        {
            maxLength = p;
        }

        if (maxLength < 3)
        {
            throw new OnnxModelException($"The maximum sequence length of '{folder}' is {maxLength}; it must leave room for [CLS], one token and [SEP].");
        }

        var (pooling, dimension) = ReadPooling(folder, modules);
        var normalize = options.Normalize ?? HasModule(modules, "sentence_transformers.models.Normalize");

        return new SentenceTransformerFolder
        {
            Folder = folder,
            ModelPath = modelPath,
            Vocabulary = vocabulary,
            LowerCase = lowerCase,
            StripAccents = stripAccents,
            UnknownToken = Token(tokenizerConfig, "unk_token", "[UNK]"),
            ClassificationToken = Token(tokenizerConfig, "cls_token", "[CLS]"),
            SeparatorToken = Token(tokenizerConfig, "sep_token", "[SEP]"),
            PaddingToken = Token(tokenizerConfig, "pad_token", "[PAD]"),
            MaskToken = Token(tokenizerConfig, "mask_token", "[MASK]"),
            MaxSequenceLength = maxLength.Value,
            Pooling = pooling,
            Normalize = normalize,
            Dimension = dimension ?? Int(modelConfig, "hidden_size"),
            Prompts = prompts,
        };
    }

    private static string FindModel(string folder, string fileName)
    {
        string[] candidates = [Path.Combine(folder, fileName), Path.Combine(folder, "onnx", fileName)];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new OnnxModelException($"The embedding model folder '{folder}' has no ONNX file: looked for {string.Join(" and ", candidates.Select(c => $"'{c}'"))}.");
    }

    private static (byte[] Vocabulary, JsonElement? TokenizerJson) ReadVocabulary(string folder)
    {
        var vocabPath = Path.Combine(folder, "vocab.txt");
        var tokenizerPath = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(vocabPath))
        {
            return (File.ReadAllBytes(vocabPath), ReadJson(folder, "tokenizer.json"));
        }

        if (!File.Exists(tokenizerPath))
        {
            throw new OnnxModelException($"The embedding model folder '{folder}' has no tokenizer: looked for '{vocabPath}' and '{tokenizerPath}'.");
        }

        var tokenizer = ReadJson(folder, "tokenizer.json")!.Value;
        var model = Property(tokenizer, "model");
        if (String(model, "type") is { } type && type != "WordPiece")
        {
            throw new OnnxModelException($"'{tokenizerPath}' describes a {type} tokenizer; only WordPiece (BERT-style) models are supported.");
        }

        if (Property(model, "vocab") is not { ValueKind: JsonValueKind.Object } vocab)
        {
            throw new OnnxModelException($"'{tokenizerPath}' has no model.vocab table.");
        }

        // BertTokenizer reads a vocab.txt: write the table's tokens one per line in id order.
        var byId = new SortedDictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject())
        {
            byId[entry.Value.GetInt32()] = entry.Name;
        }

        var text = new StringBuilder();
        var expected = 0;
        foreach (var (id, token) in byId)
        {
            if (id != expected++)
            {
                throw new OnnxModelException($"'{tokenizerPath}' has a gap in its vocabulary ids at {expected - 1}.");
            }

            text.Append(token).Append('\n');
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), tokenizer);
    }

    private static (PoolingMode Mode, int? Dimension) ReadPooling(string folder, JsonElement? modules)
    {
        var poolingFolder = "1_Pooling";
        if (modules is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var module in list.EnumerateArray())
            {
                if (String(module, "type") == "sentence_transformers.models.Pooling" && String(module, "path") is { } path)
                {
                    poolingFolder = path;
                }
            }
        }

        var configName = Path.Combine(poolingFolder, "config.json");
        var config = ReadJson(folder, configName);
        if (config is null)
        {
            // sentence-transformers pools by mean when a model comes without a pooling module.
            return (PoolingMode.Mean, null);
        }

        var modes = new List<PoolingMode>();
        if (Bool(config, "pooling_mode_cls_token") == true) modes.Add(PoolingMode.Cls);
        if (Bool(config, "pooling_mode_mean_tokens") == true) modes.Add(PoolingMode.Mean);
        if (Bool(config, "pooling_mode_max_tokens") == true) modes.Add(PoolingMode.Max);
        if (Bool(config, "pooling_mode_mean_sqrt_len_tokens") == true) modes.Add(PoolingMode.MeanSqrtLength);
        if (Bool(config, "pooling_mode_lasttoken") == true) modes.Add(PoolingMode.LastToken);
        if (modes.Count != 1)
        {
            throw new OnnxModelException(
                $"'{Path.Combine(folder, configName)}' must switch on exactly one pooling mode; it switches on {modes.Count} ({string.Join(", ", modes)}).");
        }

        return (modes[0], Int(config, "word_embedding_dimension"));
    }

    private static bool HasModule(JsonElement? modules, string type) =>
        modules is { ValueKind: JsonValueKind.Array } list && list.EnumerateArray().Any(m => String(m, "type") == type);

    private static JsonElement? ReadJson(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new OnnxModelException($"'{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool? Bool(JsonElement? element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    private static int? Int(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) ? (int)Math.Min(value, int.MaxValue) : null;

    private static string? String(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    // Special tokens are either plain strings or AddedToken objects with a "content".
    private static string Token(JsonElement? element, string name, string fallback) =>
        String(element, name) ?? String(Property(element, name), "content") ?? fallback;
}
