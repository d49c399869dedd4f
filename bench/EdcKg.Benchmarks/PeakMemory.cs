using System.Globalization;

namespace EdcKg.Benchmarks;

/// <summary>The process's peak resident memory, as the kernel counts it.</summary>
internal static class PeakMemory
{
    /// <summary>VmHWM of this process in MB, or the current working set where /proc is not available.</summary>
    public static double ResidentMegabytes()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        if (line is null)
        {
            return Environment.WorkingSet / (1024.0 * 1024);
        }

        var kilobytes = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024;
    }
}
