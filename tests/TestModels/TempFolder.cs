namespace TestModels;

/// <summary>
/// A new empty folder under the system's temporary folder, deleted with everything in it when disposed. It converts
/// to its path, so <c>using var folder = new TempFolder();</c> stands where a path string did.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder, named <paramref name="prefix"/> followed by a random part.</summary>
    public TempFolder(string prefix = "edckg-tests-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The path of <paramref name="parts"/> inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The folder's path.</summary>
    public static implicit operator string(TempFolder folder) => folder.Path;

    /// <inheritdoc />
    public override string ToString() => Path;

    /// <summary>Deletes the folder and its contents; a folder already gone is fine.</summary>
    public void Dispose()
    {
        // A read-only file a test left behind (a store opened read-only, a file made to test permissions) must not
        // keep the folder.
        if (!Directory.Exists(Path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Path, recursive: true);
    }
}
