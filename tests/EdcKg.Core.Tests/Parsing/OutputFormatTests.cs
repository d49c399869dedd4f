using EdcKg.Core.Outputs;

namespace EdcKg.Core.Tests.Parsing;

public sealed class OutputFormatTests
{
    [Fact]
    public void JsonIsWrittenAsPythonsJsonDumpWithIndentFourWrites()
    {
        var entry = new PythonJsonWriter.JsonObject
        {
            { "index", 0 },
            { "input_text", "Hoče–Slivnica \"quoted\" <tag> & it's\n" },
            { "oie", new List<object?> { new List<string> { "a", "b", "c" } } },
            { "schema_definition", new PythonJsonWriter.JsonObject() },
            { "empty", new List<string>() },
            { "schema_canonicalizaiton", new List<object?> { null } },
        };
        // What json.dump([entry], f, indent=4) writes in Python 3.
        var expected = """
            [
                {
                    "index": 0,
                    "input_text": "Ho\u010de\u2013Slivnica \"quoted\" <tag> & it's\n",
                    "oie": [
                        [
                            "a",
                            "b",
                            "c"
                        ]
                    ],
                    "schema_definition": {},
                    "empty": [],
                    "schema_canonicalizaiton": [
                        null
                    ]
                }
            ]
            """;
        Assert.Equal(expected, PythonJsonWriter.Serialize(new List<object?> { entry }));
    }

    [Fact]
    public async Task FilesAreReplacedWholeAndNoTemporaryFileIsLeft()
    {
        using var folder = TestPaths.TempDirectory();
        var path = Path.Combine(folder, "iter0", "canon_kg.txt");
        await AtomicFile.WriteAllTextAsync(path, "old");
        await AtomicFile.WriteAllTextAsync(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["canon_kg.txt"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}
