using System.Text;

namespace EdcKg.Evaluation.Benchmarks;

/// <summary>
/// Splits CSV text into records the way Python's <c>csv.reader</c> does with its default dialect: comma separated,
/// a field that starts with <c>"</c> is quoted (<c>""</c> inside is one quote, line breaks allowed), a quote
/// elsewhere is an ordinary character.
/// </summary>
internal static class CsvRecords
{
    /// <summary>The records with the 1-based line each starts on.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Read(string text)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var inQuotes = false;
            var atFieldStart = true;
            while (position < text.Length)
            {
                var c = text[position++];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            field.Append('"');
                            position++;
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }

                    continue;
                }

                if (c == '"' && atFieldStart)
                {
                    quoted = inQuotes = true;
                    atFieldStart = false;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                    atFieldStart = true;
                }
                else if (c is '\n' or '\r')
                {
                    if (c == '\r' && position < text.Length && text[position] == '\n')
                    {
                        position++;
                    }

                    line++;
                    break;
                }
                else
                {
                    field.Append(c);
                    atFieldStart = false;
                }
            }

            if (fields.Count > 0 || field.Length > 0 || quoted)
            {
                fields.Add(field.ToString());
            }

            yield return (startLine, fields);
        }
    }
}
