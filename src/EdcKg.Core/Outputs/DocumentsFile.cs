using System.Text.Encodings.Web;
using System.Text.Json;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;

namespace EdcKg.Core.Outputs;

/// <summary>
/// <c>documents.jsonl</c>: one line per document in corpus order, <c>{"id", "source", "text", "sha256"}</c>, where
/// <c>text</c> is the exact plain text that every chunk range and span of the run counts in (code points), and
/// <c>sha256</c> the hash of that text (<see cref="ContentHash"/>). Written atomically.
/// </summary>
public static class DocumentsFile
{
    /// <summary>The file's name in the output folder.</summary>
    public const string FileName = "documents.jsonl";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="documents"/> to <c>documents.jsonl</c> in <paramref name="outputDirectory"/>.</summary>
    public static Task WriteAsync(string outputDirectory, IEnumerable<Document> documents, CancellationToken cancellationToken)
        => AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), async stream =>
        {
            var newline = "\n"u8.ToArray();
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using (var json = new Utf8JsonWriter(stream, Options))
                {
                    json.WriteStartObject();
                    json.WriteString("id", document.Id);
                    json.WriteString("source", document.Source);
                    json.WriteString("text", document.Text);
                    json.WriteString("sha256", ContentHash.Of(document.Text));
                    json.WriteEndObject();
                }

                await stream.WriteAsync(newline, cancellationToken).ConfigureAwait(false);
            }
        });
}
