using TestModels;

namespace EdcKg.Core.Tests;

/// <summary>Short names for the repository paths the tests use.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string SharedEdc => RepositoryPaths.SharedEdc;

    public static string Prompts => RepositoryPaths.Prompts;

    public static TempFolder TempDirectory() => RepositoryPaths.TempDirectory();
}
