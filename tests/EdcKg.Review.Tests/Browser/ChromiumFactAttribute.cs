namespace EdcKg.Review.Tests.Browser;

/// <summary>A browser test: skipped, with the reason, only where no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
