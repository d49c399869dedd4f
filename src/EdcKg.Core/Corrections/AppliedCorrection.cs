namespace EdcKg.Core.Corrections;

/// <summary>The mark a corrected decision or triple carries: which correction (the latest one) changed it, and by whom.</summary>
/// <param name="Id">The correction's id in the run store.</param>
/// <param name="Kind">What the correction did.</param>
/// <param name="User">Who made it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record AppliedCorrection(long Id, CorrectionKind Kind, string User, DateTimeOffset CreatedAt)
{
    /// <summary>The mark of <paramref name="correction"/>.</summary>
    public static AppliedCorrection Of(Correction correction) => new(correction.Id, correction.Kind, correction.User, correction.CreatedAt);
}
