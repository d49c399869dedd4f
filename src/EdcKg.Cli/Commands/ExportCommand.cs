using System.CommandLine;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Core.Domain;
using EdcKg.Core.Storage;
using EdcKg.Neo4j.Export;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg export neo4j|csv|cypher|corrections</c>: the knowledge graph of a finished or partial run, for Neo4j, and its reviewers' corrections.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", """
            Export the knowledge graph of a run (finished or partial) to Neo4j: straight into a server over the Query API,
            as CSV files for neo4j-admin bulk import, or as a Cypher script for cypher-shell. Every export is idempotent:
            exporting the same run twice changes nothing.
            """);
        command.Subcommands.Add(Neo4j());
        command.Subcommands.Add(Csv());
        command.Subcommands.Add(Cypher());
        command.Subcommands.Add(Corrections());
        return command;
    }

    private static Option<string> RunOption() => new("--run") { Description = "The run's output folder (the --output-dir of edckg run).", Required = true };

    private static Command Neo4j()
    {
        var run = RunOption();
        var neo4j = new Neo4jOptions(uriRequired: true);
        var command = new Command("neo4j", """
            Write the graph into Neo4j over the HTTP Query API (batched UNWIND … MERGE in explicit transactions).
            Credentials come from NEO4J_USERNAME / NEO4J_PASSWORD (or the options).

            Example:
              NEO4J_PASSWORD=... edckg export neo4j --run output/example --neo4j-uri http://localhost:7474 --neo4j-user neo4j
            """);
        command.Options.Add(run);
        command.Add(neo4j);
        return Export(command, run, async (parseResult, snapshot, console, ct) =>
        {
            var settings = neo4j.Bind(parseResult)!;
            using var loggerFactory = LoggingOptions.CreateLoggerFactory(LogLevel.Warning, console);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var writer = new GraphWriter(new QueryApiClient(http, settings, loggerFactory.CreateLogger("neo4j")), loggerFactory.CreateLogger("neo4j"));
            try
            {
                var counters = await writer.WriteSnapshotAsync(snapshot, ct, settings.Graph).ConfigureAwait(false);
                console.Output.WriteLine($"Wrote run {snapshot.RunId} to {settings}: {snapshot.Triples.Count} triples; "
                    + $"{counters.NodesCreated} nodes and {counters.RelationshipsCreated} relationships created, {counters.PropertiesSet} properties set.");
                return ExitCodes.Success;
            }
            catch (Neo4jQueryException e) when (e.IsAuthentication)
            {
                // Wrong credentials are the user's to fix, not a failure of the server.
                throw new OptionValueException("--neo4j-user", e.Message, e);
            }
        }, "Nothing in the run is lost: repeat this export when Neo4j is reachable.");
    }

    private static Command Csv()
    {
        var run = RunOption();
        var output = new Option<string>("--out") { Description = "Folder for the CSV files and import-command.txt.", Required = true };
        var database = new Option<string>("--neo4j-database") { Description = "Database name in the import command.", DefaultValueFactory = _ => "neo4j" };
        var command = new Command("csv", """
            Write node and relationship CSV files with neo4j-admin import headers, and import-command.txt with the exact
            'neo4j-admin database import full' command (the fastest way to load a large graph into a new database).

            Example:
              edckg export csv --run output/example --out output/example/neo4j-import
            """);
        command.Options.Add(run);
        command.Options.Add(output);
        command.Options.Add(database);
        return Export(command, run, async (parseResult, snapshot, console, ct) =>
        {
            var files = await BulkImportExporter.ExportAsync(snapshot, parseResult.GetValue(output)!, parseResult.GetValue(database)!, ct).ConfigureAwait(false);
            console.Output.WriteLine($"{files.Entities} entities and {files.Relationships} relationships in {files.Directory}.");
            console.Output.WriteLine($"Import (from that folder, into a new database): {files.Command}");
            return ExitCodes.Success;
        });
    }

    private static Command Cypher()
    {
        var run = RunOption();
        var output = new Option<string>("--out") { Description = "The .cypher file to write.", Required = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per UNWIND statement.", DefaultValueFactory = _ => CypherScriptExporter.DefaultBatchSize }.AtLeast(1);
        var command = new Command("cypher", """
            Write a Cypher script (constraints and MERGE statements) to load with cypher-shell.

            Example:
              edckg export cypher --run output/example --out graph.cypher && cypher-shell -d neo4j -f graph.cypher
            """);
        command.Options.Add(run);
        command.Options.Add(output);
        command.Options.Add(batchSize);
        return Export(command, run, async (parseResult, snapshot, console, ct) =>
        {
            var size = parseResult.GetValue(batchSize);
            var path = parseResult.GetValue(output)!;
            var statements = await CypherScriptExporter.ExportAsync(snapshot, path, size, ct).ConfigureAwait(false);
            console.Output.WriteLine($"{statements} statements for {snapshot.Triples.Count} triples in {path}.");
            return ExitCodes.Success;
        });
    }

    private static Command Corrections()
    {
        var run = RunOption();
        var output = new Option<string>("--out") { Description = "The .jsonl file to write.", Required = true };
        var command = new Command("corrections", """
            Write the corrections reviewers made with edckg serve as JSON lines (undone ones too, marked active: false),
            each relation correction with the pipeline's own decision and candidates, for schema-alignment experiments.

            Example:
              edckg export corrections --run output/example --out corrections.jsonl
            """);
        command.Options.Add(run);
        command.Options.Add(output);
        return Export(command, run, async (parseResult, _, console, ct) =>
        {
            var path = parseResult.GetValue(output)!;
            var count = await EdcKg.Core.Corrections.CorrectionExport.WriteAsync(parseResult.GetValue(run)!, path, ct).ConfigureAwait(false);
            console.Output.WriteLine($"{count} corrections in {path}.");
            return ExitCodes.Success;
        });
    }

    // Every export reads the run first; a folder that is not a run is bad input.
    private static Command Export(Command command, Option<string> run, Func<ParseResult, RunSnapshot, CommandConsole, CancellationToken, Task<int>> export, string? hint = null)
        => CommandAction.Set(
            command,
            async (parseResult, console, cancellationToken) =>
            {
                var directory = parseResult.GetValue(run)!;
                if (!Directory.Exists(directory))
                {
                    throw new OptionValueException("--run", $"--run {directory}: no such folder.");
                }

                var snapshot = await RunSnapshotReader.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
                return await export(parseResult, snapshot, console, cancellationToken).ConfigureAwait(false);
            },
            hint ?? "Files are written whole or not at all; run the same command again.");
}
