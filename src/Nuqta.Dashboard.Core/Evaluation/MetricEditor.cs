using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// The editable settings of a catalogued metric, as stored. <see cref="BadWhen"/> is <c>lt</c>,
/// <c>gt</c> or <c>eq</c> (an example is bad below, above or at <see cref="BadThreshold"/>), or null
/// with a null threshold when no example counts as bad. The tolerance is a fraction of the
/// baseline when <see cref="ToleranceIsRelative"/>.
/// </summary>
public sealed record MetricSettings(
    string DisplayName,
    MetricDirection Direction,
    double? ScaleMin,
    double? ScaleMax,
    string Unit,
    string Aggregate,
    string? BadWhen,
    double? BadThreshold,
    double Tolerance,
    bool ToleranceIsRelative,
    double Alpha,
    int MinExamples);

/// <summary>
/// Changes a metric's settings for admins: validates them, stores them with a
/// <c>metric.updated</c> audit event in the same transaction, then recomputes the weekly figures
/// that use the metric.
/// </summary>
public sealed class MetricEditor(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, IWeeklyFigureMaintenance figures)
{
    /// <summary>Longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>Longest unit, in characters.</summary>
    public const int MaxUnitLength = 32;

    /// <summary>Largest minimum-examples setting accepted, far above any dataset's size.</summary>
    public const int MaxMinExamples = 1_000_000;

    /// <summary>Returns the metric's current settings.</summary>
    /// <exception cref="NotFoundException">No metric has this key.</exception>
    public async Task<MetricSettings> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var metric = await db.Metrics.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, cancellationToken)
            ?? throw new NotFoundException($"No metric has the key '{key}'; the metric catalogue lists every key.");
        return ToSettings(metric);
    }

    /// <summary>
    /// Validates and stores the metric's new settings, records <c>metric.updated</c> with the
    /// settings before and after, and recomputes the weekly figures that use the metric.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor is not an admin.</exception>
    /// <exception cref="NotFoundException">No metric has this key.</exception>
    /// <exception cref="InputValidationException">One or more settings are invalid; every error is listed.</exception>
    public async Task<MetricSettings> UpdateAsync(Actor actor, string key, MetricSettings settings, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var normalized = Validate(settings);

        var (metricId, after) = await writer.RunAsync(actor, async db =>
        {
            var metric = await db.Metrics.FirstOrDefaultAsync(m => m.Key == key, cancellationToken)
                ?? throw new NotFoundException($"No metric has the key '{key}'; the metric catalogue lists every key.");
            var before = ToSettings(metric);
            Apply(metric, normalized);
            var entry = new AuditEntry("metric.updated", "metric", metric.Key, before, normalized);
            return new Audited<(int, MetricSettings)>((metric.Id, normalized), entry);
        }, cancellationToken);

        await figures.RecomputeForMetricAsync(metricId, cancellationToken);
        return after;
    }

    /// <summary>Returns the settings trimmed and normalised, or throws with every invalid value named.</summary>
    /// <exception cref="InputValidationException">One or more settings are invalid.</exception>
    public static MetricSettings Validate(MetricSettings settings)
    {
        var errors = new InputErrorCollector();
        var displayName = settings.DisplayName?.Trim() ?? "";
        var unit = settings.Unit?.Trim() ?? "";
        var aggregate = MetricAggregates.Normalize(settings.Aggregate);
        var badWhen = string.IsNullOrWhiteSpace(settings.BadWhen) ? null : settings.BadWhen.Trim().ToLowerInvariant();

        if (displayName.Length == 0)
        {
            errors.Add(new InputError("displayName is required, for example Faithfulness", "displayName"));
        }
        else if (displayName.Length > MaxDisplayNameLength)
        {
            errors.Add(new InputError($"displayName is {displayName.Length} characters long; shorten it to {MaxDisplayNameLength} or fewer", "displayName"));
        }

        if (unit.Length > MaxUnitLength)
        {
            errors.Add(new InputError($"unit is {unit.Length} characters long; shorten it to {MaxUnitLength} or fewer", "unit", Value: unit));
        }

        if (!Enum.IsDefined(settings.Direction))
        {
            errors.Add(new InputError("direction must be higher is better, lower is better or unknown", "direction", Value: settings.Direction.ToString()));
        }

        CheckScale(settings, errors);

        if (aggregate is null)
        {
            errors.Add(new InputError($"aggregate '{settings.Aggregate}' is not valid; use {MetricAggregates.Forms}", "aggregate", Value: settings.Aggregate));
        }

        CheckBadThreshold(settings, badWhen, aggregate, errors);
        CheckVerdictSettings(settings, errors);
        errors.ThrowIfAny();

        return settings with { DisplayName = displayName, Unit = unit, Aggregate = aggregate!, BadWhen = badWhen };
    }

    private static void CheckScale(MetricSettings settings, InputErrorCollector errors)
    {
        if (settings.ScaleMin is { } min && !double.IsFinite(min))
        {
            errors.Add(new InputError("scaleMin must be a finite number, or empty when the scale is unknown", "scaleMin", Value: min.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (settings.ScaleMax is { } max && !double.IsFinite(max))
        {
            errors.Add(new InputError("scaleMax must be a finite number, or empty when the scale is open above", "scaleMax", Value: max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (settings.ScaleMin is null && settings.ScaleMax is not null)
        {
            errors.Add(new InputError("scaleMax needs a scaleMin; set the lower end of the scale as well", "scaleMin"));
        }

        if (settings.ScaleMin is { } lower && settings.ScaleMax is { } upper && lower >= upper)
        {
            errors.Add(new InputError($"scaleMin {lower} must be less than scaleMax {upper}", "scaleMax", Value: upper.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static void CheckBadThreshold(MetricSettings settings, string? badWhen, string? aggregate, InputErrorCollector errors)
    {
        if (badWhen is not null and not ("lt" or "gt" or "eq"))
        {
            errors.Add(new InputError($"badWhen '{settings.BadWhen}' is not valid; use lt (bad below the threshold), gt (bad above it), eq (bad at it) or leave it empty", "badWhen", Value: settings.BadWhen));
            return;
        }

        if (badWhen is null && settings.BadThreshold is not null)
        {
            errors.Add(new InputError("badThreshold needs badWhen; say whether an example is bad below, above or at the threshold", "badWhen"));
        }

        if (badWhen is not null && settings.BadThreshold is null)
        {
            errors.Add(new InputError("badWhen needs a badThreshold, for example 0.5", "badThreshold"));
        }

        if (settings.BadThreshold is { } threshold)
        {
            if (!double.IsFinite(threshold))
            {
                errors.Add(new InputError("badThreshold must be a finite number", "badThreshold"));
            }
            else if (HasValidScale(settings) && !IsOnScale(threshold, settings))
            {
                errors.Add(new InputError($"badThreshold {threshold} lies outside the scale {DescribeScale(settings)}; choose a value on the scale", "badThreshold", Value: threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (aggregate == MetricAggregates.GoodRate && badWhen is null)
        {
            errors.Add(new InputError("the good-rate aggregate needs a bad threshold, because a good example is one that is not bad; set badWhen and badThreshold", "aggregate", Value: aggregate));
        }
    }

    private static void CheckVerdictSettings(MetricSettings settings, InputErrorCollector errors)
    {
        if (!double.IsFinite(settings.Tolerance) || settings.Tolerance < 0)
        {
            errors.Add(new InputError("tolerance must be zero or a positive number", "tolerance", Value: settings.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (settings.ToleranceIsRelative && settings.Tolerance >= 1)
        {
            errors.Add(new InputError($"a relative tolerance is a fraction of the baseline; {settings.Tolerance} must be below 1 (0.05 means 5 %)", "tolerance", Value: settings.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!(settings.Alpha > 0 && settings.Alpha <= 0.5))
        {
            errors.Add(new InputError("alpha must be greater than 0 and at most 0.5, for example 0.05", "alpha", Value: settings.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (settings.MinExamples is < 1 or > MaxMinExamples)
        {
            errors.Add(new InputError($"minExamples must be between 1 and {MaxMinExamples:N0}", "minExamples", Value: settings.MinExamples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    // An invalid scale is reported on its own; a threshold is not judged against it.
    private static bool HasValidScale(MetricSettings settings) =>
        settings.ScaleMin is not { } min || settings.ScaleMax is not { } max || min < max;

    /// <summary>Returns true when the value lies on the metric's scale, or the scale is unknown.</summary>
    internal static bool IsOnScale(double value, MetricSettings settings) =>
        (settings.ScaleMin is not { } min || value >= min) && (settings.ScaleMax is not { } max || value <= max);

    internal static string DescribeScale(MetricSettings settings) => settings switch
    {
        { ScaleMin: null } => "unknown",
        { ScaleMax: null } => $"{settings.ScaleMin} or more",
        _ => $"{settings.ScaleMin}-{settings.ScaleMax}",
    };

    internal static MetricSettings ToSettings(Metric metric) => new(
        metric.DisplayName,
        metric.Direction,
        metric.ScaleMin,
        metric.ScaleMax,
        metric.Unit,
        metric.Aggregate,
        metric.BadWhen,
        metric.BadThreshold,
        metric.Tolerance,
        metric.ToleranceIsRelative,
        metric.Alpha,
        metric.MinExamples);

    private static void Apply(Metric metric, MetricSettings settings)
    {
        metric.DisplayName = settings.DisplayName;
        metric.Direction = settings.Direction;
        metric.ScaleMin = settings.ScaleMin;
        metric.ScaleMax = settings.ScaleMax;
        metric.Unit = settings.Unit;
        metric.Aggregate = settings.Aggregate;
        metric.BadWhen = settings.BadWhen;
        metric.BadThreshold = settings.BadThreshold;
        metric.Tolerance = settings.Tolerance;
        metric.ToleranceIsRelative = settings.ToleranceIsRelative;
        metric.Alpha = settings.Alpha;
        metric.MinExamples = settings.MinExamples;
    }
}
