namespace EdcKg.LlamaCpp.Tests;

/// <summary>The repository paths these tests use; the root and the shared data are found once, in TestModels.</summary>
internal static class RepositoryPaths
{
    public static string Root => TestModels.RepositoryPaths.Root;

    public static string NativeInclude => Path.Combine(Root, ".native", EdcKg.LlamaCpp.Native.LlamaLibrary.PackageVersion, "include");

    public static string SharedEdc => TestModels.RepositoryPaths.SharedEdc;
}
