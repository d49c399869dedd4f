using EdcKg.Core.Corrections;

namespace EdcKg.Review.Api;

/// <summary>The API's names of correction kinds (camel case, as in the JSON).</summary>
internal static class CorrectionKinds
{
    public static string Name(CorrectionKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    public static CorrectionKind? Parse(string? name)
        => Enum.GetValues<CorrectionKind>().Cast<CorrectionKind?>().FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase));

    public static string List => string.Join(", ", Enum.GetValues<CorrectionKind>().Select(Name));
}
