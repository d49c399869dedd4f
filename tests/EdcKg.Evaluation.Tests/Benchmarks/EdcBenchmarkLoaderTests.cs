using EdcKg.Evaluation.Benchmarks;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Evaluation.Scoring;
using EdcKg.Evaluation.Tests.Scoring;

namespace EdcKg.Evaluation.Tests.Benchmarks;

public sealed class EdcBenchmarkLoaderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("edckg-benchmark-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("webnlg", 1165, 159, "creator")]
    [InlineData("rebel", 1000, 196, "country")]
    [InlineData("wiki-nre", 1000, 45, "located in the administrative territorial entity")]
    public async Task Shared_benchmarks_load_with_texts_references_schema_and_examples(string name, int documents, int relations, string firstRelation)
    {
        var benchmark = await EdcBenchmarkLoader.LoadAsync(SharedBenchmarkData.Root, name, null, CancellationToken.None);

        Assert.Equal(documents, benchmark.Documents.Count);
        Assert.Equal(documents, benchmark.References.Count);
        Assert.All(benchmark.References, r => Assert.NotEmpty(r));
        Assert.Equal(relations, benchmark.Schema.Count);
        Assert.Equal(firstRelation, benchmark.Schema[0].Name);
        Assert.StartsWith("Example 1:", benchmark.FewShotExamples.OpenExtraction, StringComparison.Ordinal);
        Assert.Contains("Candidate entities:", benchmark.FewShotExamples.RefinedExtraction, StringComparison.Ordinal);
        Assert.Contains("Relations:", benchmark.FewShotExamples.SchemaDefinition, StringComparison.Ordinal);
        Assert.Contains("Entities:", benchmark.FewShotExamples.EntityExtraction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_documents_only_when_limited()
    {
        var benchmark = await EdcBenchmarkLoader.LoadAsync(SharedBenchmarkData.Root, "rebel", 3, CancellationToken.None);

        Assert.Equal(3, benchmark.Documents.Count);
        Assert.StartsWith("Spodnje Hoče", benchmark.Documents[0].Text, StringComparison.Ordinal);
        Assert.Equal(new Triple("Spodnje Hoče", "located in the administrative territorial entity", "Municipality of Hoče–Slivnica"), benchmark.References[0][0]);
    }

    [Fact]
    public async Task Quoted_schema_fields_keep_their_commas_and_quotes()
    {
        var path = Path.Combine(_folder.FullName, "schema.csv");
        await File.WriteAllTextAsync(path, "\"dissolved, abolished\",\"The subject, \"\"quoted\"\".\"\nplain,Defined here.\r\n\n");

        var schema = await EdcBenchmarkLoader.ReadSchemaAsync(path, CancellationToken.None);

        Assert.Equal(2, schema.Count);
        Assert.Equal(new SchemaRelation("dissolved, abolished", "The subject, \"quoted\".", RelationOrigin.Target), schema[0]);
        Assert.Equal("Defined here.", schema[1].Definition);
    }

    [Fact]
    public async Task Schema_relation_defined_twice_is_an_error_naming_both_lines_as_for_a_run()
    {
        // One rule for every schema file: a benchmark's schema is read like a run's --target-schema-path.
        var path = Path.Combine(_folder.FullName, "schema.csv");
        await File.WriteAllTextAsync(path, "plain,Defined here.\r\n\nplain,Redefined.\n");

        var ex = await Assert.ThrowsAsync<EvaluationInputException>(() => EdcBenchmarkLoader.ReadSchemaAsync(path, CancellationToken.None));

        Assert.Equal(path + ":3: duplicate relation 'plain' (first defined on line 1).", ex.Message);
    }

    [Theory]
    [InlineData("webnlg")]
    [InlineData("rebel")]
    [InlineData("wiki-nre")]
    public async Task Benchmark_schema_is_the_one_a_run_reads_from_the_same_file(string name)
    {
        var benchmark = await EdcBenchmarkLoader.LoadAsync(SharedBenchmarkData.Root, name, 1, CancellationToken.None);

        Assert.Equal(SchemaCsvReader.Read(Path.Combine(SharedBenchmarkData.Root, "schemas", name + "_schema.csv")), benchmark.Schema);
    }

    [Fact]
    public async Task Schema_row_with_three_fields_is_an_error_naming_the_line()
    {
        var path = Path.Combine(_folder.FullName, "schema.csv");
        await File.WriteAllTextAsync(path, "a,b\nc,d,e\n");

        var ex = await Assert.ThrowsAsync<EvaluationInputException>(() => EdcBenchmarkLoader.ReadSchemaAsync(path, CancellationToken.None));

        Assert.StartsWith(path + ":2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_dataset_file_is_named()
    {
        var ex = await Assert.ThrowsAsync<EvaluationInputException>(() => EdcBenchmarkLoader.LoadAsync(_folder.FullName, "webnlg", null, CancellationToken.None));

        Assert.Contains(Path.Combine("datasets", "webnlg.txt"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_count_must_match_the_documents()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "datasets"));
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "evaluate", "references"));
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "datasets", "tiny.txt"), "One.\nTwo.\n");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "evaluate", "references", "tiny.txt"), "[['a','b','c']]\n");

        var ex = await Assert.ThrowsAsync<EvaluationInputException>(() => EdcBenchmarkLoader.LoadAsync(_folder.FullName, "tiny", null, CancellationToken.None));

        Assert.Contains("1 reference lines for 2 documents", ex.Message, StringComparison.Ordinal);
    }
}
