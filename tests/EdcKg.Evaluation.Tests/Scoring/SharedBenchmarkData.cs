using TestModels;

namespace EdcKg.Evaluation.Tests.Scoring;

/// <summary>The shared EDC benchmark data and the EDC runs recorded in it.</summary>
internal static class SharedBenchmarkData
{
    public static string Root => RepositoryPaths.SharedEdc;

    public static string RealRun(string name, string file) => Path.Combine(Root, "real_runs", name, file);
}
