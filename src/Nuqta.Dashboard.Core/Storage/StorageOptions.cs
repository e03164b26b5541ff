using System.ComponentModel.DataAnnotations;

namespace Nuqta.Dashboard.Core.Storage;

/// <summary>Where the app keeps its files, and how large an upload may be. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// Folder for the SQLite database, staged uploads and the audit signing key file. A relative
    /// path is resolved against the app's content root, never the working directory.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Largest accepted upload, in bytes (200 MB by default).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>How long a staged upload stays usable, in hours.</summary>
    [Range(1, 24 * 30)]
    public int StagedUploadLifetimeHours { get; set; } = 24;

    /// <summary>The data directory as an absolute path, filled in at start-up.</summary>
    public string ResolvedDataDirectory { get; set; } = "";
}
