namespace TestModels;

/// <summary>Locates the repository and the shared benchmark data (<c>../shared/edc</c>) from a test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds EdcKg.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>EDC's benchmark data beside the repository.</summary>
    public static string SharedEdc => Path.GetFullPath(Path.Combine(Root, "..", "shared", "edc"));

    /// <summary>Our own prompts.</summary>
    public static string Prompts => Path.Combine(Root, "prompts");

    /// <summary>A new empty folder under the system's temporary folder.</summary>
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
