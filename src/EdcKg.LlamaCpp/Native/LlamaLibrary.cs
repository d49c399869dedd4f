using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>
/// Finds, loads and starts the pinned llama.cpp build, once per process. The state here is static because the
/// runtime only lets an assembly have one import resolver and a process load one libllama.
/// </summary>
public static class LlamaLibrary
{
    /// <summary>The npm package version whose libraries we bind.</summary>
    public const string PackageVersion = "3.22.1";

    /// <summary>The prefix of <c>llama_version()</c> of the pinned release; another ABI is refused.</summary>
    public const string PinnedVersion = "0.5.0";

    /// <summary>The environment variable that points at another folder holding libllama and libggml.</summary>
    public const string FolderVariable = "EDCKG_LLAMA_LIB";

    private static readonly Lock Gate = new();
    private static string? loadedFolder;

    /// <summary>The folder the libraries were loaded from, or null before <see cref="Load"/>.</summary>
    public static string? LoadedFolder
    {
        get
        {
            lock (Gate)
            {
                return loadedFolder;
            }
        }
    }

    /// <summary>
    /// Loads the libraries (from <paramref name="folder"/>, else <c>EDCKG_LLAMA_LIB</c>, else the repository's
    /// <c>.native</c> install, else next to the application), loads the CPU backends and checks the version.
    /// Idempotent; returns the folder in use.
    /// </summary>
    /// <exception cref="LlamaException">No folder holds the libraries, or they are not the pinned release.</exception>
    public static string Load(string? folder = null)
    {
        lock (Gate)
        {
            if (loadedFolder is not null)
            {
                if (folder is not null && !SameFolder(folder, loadedFolder))
                {
                    throw new LlamaException($"llama.cpp is already loaded from '{loadedFolder}'; a process cannot switch to '{folder}'.");
                }

                return loadedFolder;
            }

            var tried = new List<string>();
            var chosen = CandidateFolders(folder).FirstOrDefault(candidate =>
            {
                tried.Add(candidate);
                return FindFile(candidate, "libllama") is not null && FindFile(candidate, "libggml") is not null;
            });
            if (chosen is null)
            {
                throw new LlamaException(
                    "The llama.cpp libraries (libllama, libggml) were not found. Run scripts/install-native, pass the folder "
                    + $"with --llama-lib or set {FolderVariable}. Paths tried:{Environment.NewLine}  "
                    + string.Join(Environment.NewLine + "  ", tried));
            }

            NativeLibrary.SetDllImportResolver(typeof(LlamaLibrary).Assembly, (name, _, _) => Resolve(chosen, name));
            CheckVersion(chosen);
            NativeMethods.llama_log_set(LogSink(), nint.Zero);
            // llama_backend_init only searches the executable's folder and the working directory for CPU backends,
            // which for a .NET host finds none: load them from the library folder first.
            NativeMethods.ggml_backend_load_all_from_path(chosen);
            NativeMethods.llama_backend_init();
            loadedFolder = chosen;
            return chosen;
        }
    }

    /// <summary>The folders searched, in order, for a given explicit <paramref name="folder"/>.</summary>
    public static IEnumerable<string> CandidateFolders(string? folder)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            yield return Path.GetFullPath(folder);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return Path.GetFullPath(fromEnvironment);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var installed = Path.Combine(directory.FullName, ".native", PackageVersion, "bins", "linux-x64");
            if (Directory.Exists(installed))
            {
                yield return installed;
                break;
            }
        }

        yield return AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var assemblyFolder = Path.GetDirectoryName(typeof(LlamaLibrary).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            yield return assemblyFolder;
        }
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>The npm build names its libraries with the release (libllama.v0.5.0.so); a plain build does not.</summary>
    private static string? FindFile(string folder, string stem)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var plain = Path.Combine(folder, stem + ".so");
        if (File.Exists(plain))
        {
            return plain;
        }

        return Directory.EnumerateFiles(folder, stem + ".v*.so").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static nint Resolve(string folder, string name)
    {
        var stem = name switch
        {
            NativeMethods.Llama => "libllama",
            NativeMethods.Ggml => "libggml",
            _ => null,
        };
        var path = stem is null ? null : FindFile(folder, stem);
        return path is null ? nint.Zero : NativeLibrary.Load(path);
    }

    private static void CheckVersion(string folder)
    {
        string version;
        try
        {
            version = Marshal.PtrToStringUTF8(NativeMethods.llama_version()) ?? string.Empty;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new LlamaException(
                $"The llama.cpp library in '{folder}' could not be loaded or lacks llama_version ({exception.Message}); "
                + $"EdcKg needs the release {PinnedVersion} (npm @node-llama-cpp/linux-x64@{PackageVersion}).");
        }

        if (!version.StartsWith(PinnedVersion, StringComparison.Ordinal))
        {
            throw new LlamaException(
                $"The llama.cpp library in '{folder}' is version '{version}' but EdcKg is built against the ABI of {PinnedVersion} "
                + $"(npm @node-llama-cpp/linux-x64@{PackageVersion}); point {FolderVariable} at a matching build.");
        }
    }

    private static unsafe nint LogSink() => (nint)(delegate* unmanaged[Cdecl]<int, byte*, nint, void>)&OnLog;

    /// <summary>llama.cpp logs every tensor it loads; only its errors are worth a user's attention.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnLog(int level, byte* text, nint userData)
    {
        const int errorLevel = 4;
        if (level == errorLevel && text is not null)
        {
            Console.Error.Write(Marshal.PtrToStringUTF8((nint)text));
        }
    }
}
