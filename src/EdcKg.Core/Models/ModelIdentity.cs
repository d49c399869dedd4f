using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Prompts;

namespace EdcKg.Core.Models;

/// <summary>
/// The stable identity of a model that the run's caches and manifest key on: for a file or folder its name, size and
/// modification time (so a replaced model is not mistaken for the old one), for a served model its name; an
/// embedder's configured prompts are part of it, since they change every vector.
/// </summary>
public static class ModelIdentity
{
    /// <summary>The identity of the model named <paramref name="name"/> (a path or a served model's name).</summary>
    public static string Of(string name)
    {
        if (File.Exists(name))
        {
            var file = new FileInfo(name);
            return $"{file.Name}:{file.Length}:{file.LastWriteTimeUtc.Ticks}";
        }

        if (Directory.Exists(name))
        {
            var folder = new DirectoryInfo(name);
            var files = folder.EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            var size = files.Sum(f => f.Length);
            var newest = files.Select(f => f.LastWriteTimeUtc.Ticks).DefaultIfEmpty().Max();
            return $"{folder.Name}/:{size}:{newest}";
        }

        return name;
    }

    /// <summary>The identity of embedder <paramref name="name"/> used with <paramref name="prompts"/> (as <see cref="Of(string)"/> when none are set).</summary>
    public static string Of(string name, EmbeddingPrompts prompts)
    {
        if (prompts.IsEmpty)
        {
            return Of(name);
        }

        var text = string.Join('\u0001', prompts.QueryPrefix ?? "\u0002", prompts.PassagePrefix ?? "\u0002", prompts.InstructionPrompt ?? "\u0002");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return $"{Of(name)}|prompts:{hash[..16]}";
    }
}
