using System.CommandLine;
using EdcKg.Core.Scaling;

namespace EdcKg.Cli.Commands.Options;

/// <summary>The options of <see cref="RunInput"/>.</summary>
internal sealed class InputOptions : IOptionGroup<RunInput>
{
    public Option<string> InputTextFilePath { get; } = new("--input-text-file-path") { Description = "The corpus: an EDC dataset file (one document per line), a JSONL file of {\"id\",\"text\"}, or a folder of .txt/.md files.", Required = true };

    public Option<string?> TargetSchemaPath { get; } = new("--target-schema-path") { Description = "Target schema CSV (relation,definition). Without it the schema is induced (self-canonicalization)." };

    public Option<string?> Shard { get; } = new Option<string?>("--shard") { Description = "Process only shard i/N of the corpus (documents assigned by a hash of their id), for N workers in parallel; combine their output folders with `edckg merge`." }
        .Rule(text => text is null ? null : ShardProblem(text));

    public Option<bool> Update { get; } = new("--update") { Description = "Update the finished run in --output-dir to the corpus as it is now: only changed and new documents are processed, removed ones are retired (same options as the run it updates)." };

    public IEnumerable<Option> Options => [InputTextFilePath, TargetSchemaPath, Shard, Update];

    public RunInput Bind(ParseResult result)
        => new(result.GetValue(InputTextFilePath)!, result.GetValue(TargetSchemaPath), result.GetValue(Shard) is { } shard ? ShardSpec.Parse(shard) : null)
        {
            Update = result.GetValue(Update),
        };

    private static string? ShardProblem(string text)
    {
        try
        {
            ShardSpec.Parse(text);
            return null;
        }
        catch (ArgumentException e)
        {
            // ShardSpec reports a malformed value this way, with the option's name.
            return e.Message;
        }
    }
}
