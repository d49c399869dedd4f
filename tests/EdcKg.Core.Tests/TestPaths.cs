namespace EdcKg.Core.Tests;

/// <summary>Locates the repository and the shared benchmark data from the test assembly's folder.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedEdc => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "edc"));

    public static string Prompts => Path.Combine(RepositoryRoot, "prompts");

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "edckg-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdcKg.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EdcKg.sln not found above the test folder.");
    }
}
