using System.Text;

namespace EdcKg.Core.Outputs;

/// <summary>Writes a file so that readers see either the old file or the complete new one, never half of it.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static async Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        await WriteAsync(path, async stream =>
        {
            var bytes = Utf8.GetBytes(content);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Lets <paramref name="write"/> fill a temporary file, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
