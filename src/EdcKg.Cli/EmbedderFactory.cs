using EdcKg.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli;

/// <summary>
/// Opens the embedding model an option names (<c>--sc-embedder</c>, <c>--sr-embedder</c>, <c>embed --model</c>):
/// a sentence-transformers ONNX folder (or an <c>.onnx</c> file inside one) runs on onnxruntime; a <c>.gguf</c> file is
/// for the llama.cpp runtime.
/// </summary>
public static class EmbedderFactory
{
    /// <summary>Opens the model at <paramref name="path"/>, given as the value of <paramref name="option"/>.</summary>
    /// <exception cref="OptionValueException">The path is missing, of an unknown kind, or the model cannot be used.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> Open(
        string option,
        string? path,
        OnnxEmbedderOptions? onnxOptions = null,
        ILogger? logger = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OptionValueException(option, "needs the path of an embedding model (a sentence-transformers ONNX folder or a .gguf file).");
        }

        if (path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(path))
            {
                throw new OptionValueException(option, $"the GGUF file '{path}' does not exist.");
            }

            try
            {
                // A GGUF has no sentence-transformers prompts of its own: the prompts given are all there is.
                return EdcKg.LlamaCpp.LlamaEmbeddingGenerator.Open(path, new EdcKg.LlamaCpp.LlamaEmbeddingOptions
                {
                    Threads = onnxOptions?.IntraOpThreads > 0 ? onnxOptions.IntraOpThreads : null,
                    Prompts = new EdcKg.Core.Prompts.EmbeddingPrompts(onnxOptions?.QueryPrefix, onnxOptions?.PassagePrefix, onnxOptions?.InstructionPrompt),
                });
            }
            catch (EdcKg.LlamaCpp.LlamaException e)
            {
                throw new OptionValueException(option, e.Message, e);
            }
        }

        var options = onnxOptions ?? new OnnxEmbedderOptions();
        var folder = path;
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(path))
            {
                throw new OptionValueException(option, $"the ONNX file '{path}' does not exist.");
            }

            // An ONNX file names its variant (model_quantized.onnx…); its folder (or the one above onnx/) has the tokenizer.
            options = options with { ModelFileName = Path.GetFileName(path) };
            folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (Path.GetFileName(folder) == "onnx" && !File.Exists(Path.Combine(folder, "config.json")))
            {
                folder = Path.GetDirectoryName(folder)!;
            }
        }
        else if (!Directory.Exists(path))
        {
            throw new OptionValueException(
                option,
                File.Exists(path)
                    ? $"'{path}' is neither a sentence-transformers ONNX model folder nor a .gguf or .onnx file."
                    : $"'{path}' does not exist.");
        }

        try
        {
            return OnnxSentenceEmbedder.Open(folder, options, logger);
        }
        catch (OnnxModelException e)
        {
            throw new OptionValueException(option, e.Message, e);
        }
    }
}
