using System.CommandLine;

namespace EdcKg.Cli.Commands;

/// <summary>The list of top-level commands. Each command lives in its own file and is added here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return RunCommand.Create();
        yield return EvaluateCommand.Create();
        yield return ExperimentCommand.Create();
        yield return EmbedCommand.Create(() => global::System.Console.In);
        yield return MergeCommand.Create();
        yield return ExportCommand.Create();
        yield return QuantizeCommand.Create();
        yield return BenchCommand.Create();
        yield return ModelsCommand.Create();
        yield return ServeCommand.Create();
    }
}
