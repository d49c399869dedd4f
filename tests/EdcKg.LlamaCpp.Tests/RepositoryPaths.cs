namespace EdcKg.LlamaCpp.Tests;

/// <summary>Finds the repository root (the folder with EdcKg.sln) from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EdcKg.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No EdcKg.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string NativeInclude => Path.Combine(Root, ".native", EdcKg.LlamaCpp.Native.LlamaLibrary.PackageVersion, "include");

    public static string SharedEdc => Path.GetFullPath(Path.Combine(Root, "..", "shared", "edc"));
}
