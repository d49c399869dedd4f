namespace EdcKg.Core.Tests.Evaluation;

/// <summary>Finds the shared EDC benchmark data: the folder <c>shared/edc</c> beside the repository root.</summary>
internal static class SharedBenchmarkData
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdcKg.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "edc"));
                }
            }

            throw new DirectoryNotFoundException("no EdcKg.sln above the test assembly, so the shared benchmark data cannot be located");
        }
    }

    public static string RealRun(string name, string file) => Path.Combine(Root, "real_runs", name, file);
}
