namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// A new folder under the system temp folder for one benchmark run: the generated files, the
/// app's data directory and its logs. It is deleted on dispose because a 1,000,000-example
/// run leaves several hundred MB in it.
/// </summary>
internal sealed class WorkDirectory : IDisposable
{
    /// <summary>The secret of the admin API key that demo mode seeds, which must be 16 characters or more.</summary>
    public const string ApiKey = "bench-key-0123456789abcdef";

    public WorkDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nuqta-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Failed to delete {Path}: {ex.Message}. Delete it by hand.");
        }
    }
}
