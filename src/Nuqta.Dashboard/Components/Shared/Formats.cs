using System.Globalization;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>Date formats shared by the tables. Core stores UTC, and the column headers name it.</summary>
public static class Formats
{
    /// <summary>Formats a UTC instant as a date, for example 2026-12-04.</summary>
    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Formats a UTC instant to the minute, for example 2026-12-04 20:23 UTC.</summary>
    public static string DateTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
