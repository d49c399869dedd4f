namespace EdcKg.Review.Tests.Browser;

/// <summary>Where the system's Chromium is (Debian's <c>chromium</c> package; <c>scripts/test</c> installs it when missing).</summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The executable (EDCKG_CHROMIUM first), or null.</summary>
    public static string? Executable { get; } = new[] { Environment.GetEnvironmentVariable("EDCKG_CHROMIUM") }.Concat(Candidates).FirstOrDefault(File.Exists);

    public const string MissingReason = "No Chromium found (tried EDCKG_CHROMIUM, /usr/bin/chromium, /usr/lib/chromium/chromium, /usr/bin/chromium-browser): "
        + "install Debian's chromium package (apt-get install -y chromium; scripts/test does it when run as root).";
}
