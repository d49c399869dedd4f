using EdcKg.Core.Domain;

namespace EdcKg.Review.Api;

/// <summary>The page's words for what canonicalization decided.</summary>
internal static class Outcomes
{
    public const string Kept = "kept";
    public const string Aligned = "aligned";
    public const string Added = "added";
    public const string Dropped = "dropped";

    public static readonly string[] All = [Kept, Aligned, Added, Dropped];

    public static string Of(DecisionKind kind) => kind switch
    {
        DecisionKind.AlreadyInSchema => Kept,
        DecisionKind.Aligned => Aligned,
        DecisionKind.AddedToSchema => Added,
        _ => Dropped,
    };
}
