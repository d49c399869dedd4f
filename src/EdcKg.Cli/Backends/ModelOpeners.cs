using EdcKg.Onnx;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Backends;

/// <summary>Turns a model name given on the command line into a backend.</summary>
internal static class ModelOpeners
{
    public static IChatClient OpenChat(string option, string name, ModelOptions options)
    {
        if (options.Remote?.Serves(name) == true)
        {
            return options.Remote.OpenChat(option, name);
        }

        throw new ModelNameException($"{option}: '{name}' is not a chat model this build can open (expected a .gguf file for the local llama.cpp runtime).");
    }

    public static IEmbeddingGenerator<string, Embedding<float>> OpenEmbedder(string option, string name, ModelOptions options)
    {
        if (options.Remote?.Serves(name) == true)
        {
            return options.Remote.OpenEmbedder(option, name, options.EmbeddingPrompts);
        }

        var prompts = options.EmbeddingPrompts;
        return EmbedderFactory.Open(option, name, new OnnxEmbedderOptions
        {
            IntraOpThreads = options.Threads,
            QueryPrefix = prompts.QueryPrefix,
            PassagePrefix = prompts.PassagePrefix,
            InstructionPrompt = prompts.InstructionPrompt,
        });
    }
}
