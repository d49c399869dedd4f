using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Inputs;

/// <summary>Reads a target schema: CSV rows <c>relation,definition</c> without a header, as EDC's schemas are.</summary>
public static class SchemaCsvReader
{
    /// <summary>Reads <paramref name="path"/>; a malformed row, an empty name or a duplicate relation fails with file and line.</summary>
    public static IReadOnlyList<SchemaRelation> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: target schema file not found.");
        }

        var text = StrictText.ReadFile(path);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = args => throw new InputException($"{path}:{args.Context.Parser?.RawRow}: malformed CSV ({args.Field.Trim()}).") ,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, configuration);
        var relations = new List<SchemaRelation>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            if (fields.Length != 2)
            {
                throw new InputException($"{path}:{line}: expected 2 fields (relation,definition) but found {fields.Length}; quote a definition that contains commas.");
            }

            var name = fields[0].Trim();
            var definition = fields[1].Trim();
            if (name.Length == 0)
            {
                throw new InputException($"{path}:{line}: empty relation name.");
            }

            if (!lines.TryAdd(name, line))
            {
                throw new InputException($"{path}:{line}: duplicate relation '{name}' (first defined on line {lines[name]}).");
            }

            relations.Add(new SchemaRelation(name, definition, RelationOrigin.Target));
        }

        return relations;
    }
}
