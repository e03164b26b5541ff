namespace Nuqta.Dashboard.Hosting;

/// <summary>Demo mode: its own database file, seeded users and data. Section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seeds demo data into <c>nuqta-demo.db</c>; also turned on by the <c>--demo</c> argument.</summary>
    public bool Enabled { get; set; }

    /// <summary>Password of every demo user; shown on the sign-in page in demo mode only.</summary>
    public string Password { get; set; } = "Demo-password-2026";

    /// <summary>When set, seeds an admin key with this secret so scripts can drive the demo (environment: <c>Demo__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }
}
