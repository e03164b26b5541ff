using System.Globalization;

namespace Nuqta.Dashboard.Benchmarks;

internal static class Report
{
    /// <summary>Formats a byte count in mebibytes, for example "381 MiB".</summary>
    public static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture) + " MiB";
}
