namespace TestModels;

/// <summary>Locates the repository and the shared benchmark data (<c>../shared/edc</c>) from a test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds EdcKg.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// EDC's benchmark data: <c>shared/edc</c> beside the repository, or beside a folder above it when the checkout is
    /// nested one level deeper than the data (the nearest one wins).
    /// </summary>
    public static string SharedEdc { get; } = FindSharedEdc();

    /// <summary>Our own prompts.</summary>
    public static string Prompts => Path.Combine(Root, "prompts");

    /// <summary>A new empty folder under the system's temporary folder; dispose it to delete it.</summary>
    public static TempFolder TempDirectory() => new();

    private static string FindSharedEdc()
    {
        var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared", "edc"));
        for (var directory = Directory.GetParent(Root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "edc");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // Missing data: name the expected place so the failing test says where to put it.
        return beside;
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
