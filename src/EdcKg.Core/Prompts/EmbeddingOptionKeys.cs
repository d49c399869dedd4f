using Microsoft.Extensions.AI;

namespace EdcKg.Core.Prompts;

/// <summary>Keys of <c>EmbeddingGenerationOptions.AdditionalProperties</c> through which the stages tell an embedder how to embed.</summary>
public static class EmbeddingOptionKeys
{
    /// <summary>The <see cref="EmbeddingRole"/> of the texts, as its name ("Query" or "Passage").</summary>
    public const string Role = "edckg.embedding_role";

    /// <summary>
    /// A task instruction for instruction-tuned embedders, used with <see cref="EmbeddingRole.Query"/>
    /// (EDC's schema retriever: "Retrieve descriptions of relations that are present in the given text.").
    /// </summary>
    public const string Instruction = "edckg.embedding_instruction";

    /// <summary>Options that carry <paramref name="role"/> and, when given, <paramref name="instruction"/>.</summary>
    public static EmbeddingGenerationOptions For(EmbeddingRole role, string? instruction = null)
    {
        var properties = new AdditionalPropertiesDictionary { [Role] = role.ToString() };
        if (instruction is not null)
        {
            properties[Instruction] = instruction;
        }

        return new EmbeddingGenerationOptions { AdditionalProperties = properties };
    }

    /// <summary>The role <paramref name="options"/> ask for (passage when unset).</summary>
    public static EmbeddingRole RoleOf(EmbeddingGenerationOptions? options)
        => options?.AdditionalProperties?.TryGetValue(Role, out var value) == true && value is string text && Enum.TryParse<EmbeddingRole>(text, out var role)
            ? role
            : EmbeddingRole.Passage;

    /// <summary>The instruction <paramref name="options"/> carry, or null.</summary>
    public static string? InstructionOf(EmbeddingGenerationOptions? options)
        => options?.AdditionalProperties?.TryGetValue(Instruction, out var value) == true ? value as string : null;
}
