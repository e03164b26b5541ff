using Microsoft.Extensions.Options;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>Settings of the weekly scorecard (configuration section <c>Scorecard</c>).</summary>
public sealed class ScorecardOptions
{
    public const string SectionName = "Scorecard";

    /// <summary>
    /// The time zone whose Monday midnights start the ISO weeks, as an IANA id (<c>Asia/Riyadh</c>)
    /// or a Windows id; <c>UTC</c> by default.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";
}

/// <summary>Rejects a <see cref="ScorecardOptions.TimeZone"/> that the operating system does not know.</summary>
public sealed class ScorecardOptionsValidator : IValidateOptions<ScorecardOptions>
{
    public ValidateOptionsResult Validate(string? name, ScorecardOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            return ValidateOptionsResult.Fail("Scorecard:TimeZone is empty; set a time zone id such as UTC or Asia/Riyadh.");
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Scorecard:TimeZone '{options.TimeZone}' is not a time zone this machine knows; use an IANA id such as Europe/Berlin.");
    }
}
