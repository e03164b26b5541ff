using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>A catalogued metric as the UI and the API show it.</summary>
public sealed record MetricView(
    int Id,
    string Key,
    string DisplayName,
    string Direction,
    string Scale,
    string Unit,
    string Aggregate,
    string BadWhen,
    string Tolerance,
    double Alpha,
    int MinExamples,
    bool IsBuiltIn);

/// <summary>
/// The metric catalogue: built-in metrics with the product's defaults, and custom metrics added
/// when an import first contains them (unknown direction unless the name suggests one).
/// </summary>
public sealed class MetricCatalogue(IDbContextFactory<NuqtaDbContext> contexts, TimeProvider time)
{
    /// <summary>Default tolerance, alpha and minimum examples of custom metrics.</summary>
    public const double DefaultTolerance = 0.02;

    public const double DefaultAlpha = 0.05;

    public const int DefaultMinExamples = 20;

    /// <summary>The <see cref="MetricView.BadWhen"/> text of a metric without a bad-value threshold.</summary>
    public const string BadWhenNotSet = "not set";

    /// <summary>Inserts the built-in metrics that are missing; changes nothing that exists.</summary>
    public async Task EnsureBuiltInsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Metrics.Select(m => m.Key).ToListAsync(cancellationToken);
        foreach (var builtIn in BuiltInMetrics.All.Where(b => !existing.Contains(b.Key)))
        {
            db.Metrics.Add(FromBuiltIn(builtIn, time.GetUtcNow().UtcDateTime));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MetricView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var metrics = await db.Metrics.AsNoTracking().OrderByDescending(m => m.IsBuiltIn).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        return metrics.Select(ToView).ToList();
    }

    /// <summary>
    /// Returns the catalogue entries for the imported metrics, adding custom ones that are new.
    /// Runs inside the caller's transaction, so a rejected import adds no metric.
    /// </summary>
    internal async Task<Dictionary<string, Metric>> ResolveAsync(NuqtaDbContext db, IEnumerable<ImportedMetric> imported, CancellationToken cancellationToken)
    {
        var names = imported.Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Metrics.Where(m => names.Contains(m.Key)).ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var metric in imported.Where(m => !known.ContainsKey(m.Name)))
        {
            var custom = new Metric
            {
                Key = metric.Name,
                DisplayName = metric.Name,
                Direction = metric.SuggestedDirection,
                ScaleMin = double.IsNaN(metric.ScaleMin) ? null : metric.ScaleMin,
                ScaleMax = double.IsNaN(metric.ScaleMax) || double.IsInfinity(metric.ScaleMax) ? null : metric.ScaleMax,
                Unit = metric.IsBoolean ? "pass/fail" : "",
                Aggregate = metric.IsBoolean ? "good-rate" : "mean",
                // A pass/fail metric is bad when it failed; other custom metrics have no threshold until an admin sets one.
                BadWhen = metric.IsBoolean ? "eq" : null,
                BadThreshold = metric.IsBoolean ? 0 : null,
                Tolerance = DefaultTolerance,
                Alpha = DefaultAlpha,
                MinExamples = DefaultMinExamples,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Metrics.Add(custom);
            known[metric.Name] = custom;
        }

        await db.SaveChangesAsync(cancellationToken);
        return known;
    }

    private static Metric FromBuiltIn(BuiltInMetric builtIn, DateTime now) => new()
    {
        Key = builtIn.Key,
        DisplayName = DisplayNameOf(builtIn.Key),
        Direction = builtIn.Direction,
        ScaleMin = builtIn.ScaleMin,
        ScaleMax = double.IsInfinity(builtIn.ScaleMax) ? null : builtIn.ScaleMax,
        Unit = builtIn.Unit,
        Aggregate = builtIn.Aggregate switch
        {
            MetricAggregate.P95 => "p95",
            MetricAggregate.GoodRate => "good-rate",
            _ => "mean",
        },
        BadWhen = builtIn.BadWhen switch
        {
            Import.BadWhen.LessThan => "lt",
            Import.BadWhen.GreaterThan => "gt",
            _ => "eq",
        },
        BadThreshold = builtIn.BadThreshold,
        // The product's defaults: 0.02 on 0-1 means, 5 % of the baseline p95 for latency,
        // 0.01 for cited support and 0.005 for the non-toxic rate.
        Tolerance = builtIn.Key switch
        {
            "latency_ms" => 0.05,
            "cited_support" => 0.01,
            "toxicity" => 0.005,
            _ => 0.02,
        },
        ToleranceIsRelative = builtIn.Key == "latency_ms",
        Alpha = DefaultAlpha,
        MinExamples = DefaultMinExamples,
        IsBuiltIn = true,
        CreatedAtUtc = now,
    };

    private static string DisplayNameOf(string key) => key switch
    {
        "latency_ms" => "Latency (ms)",
        "cited_support" => "Cited support",
        _ => char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' '),
    };

    internal static MetricView ToView(Metric m) => new(
        m.Id,
        m.Key,
        m.DisplayName,
        m.Direction switch
        {
            MetricDirection.HigherIsBetter => "higher is better",
            MetricDirection.LowerIsBetter => "lower is better",
            _ => "unknown",
        },
        DescribeScale(m),
        m.Unit,
        m.Aggregate,
        m.BadWhen switch
        {
            "lt" => $"< {m.BadThreshold}",
            "gt" => $"> {m.BadThreshold}",
            "eq" => $"= {m.BadThreshold}",
            _ => BadWhenNotSet,
        },
        m.ToleranceIsRelative ? $"{m.Tolerance:P0} of baseline" : m.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture),
        m.Alpha,
        m.MinExamples,
        m.IsBuiltIn);

    private static string DescribeScale(Metric m)
    {
        if (m.ScaleMin is null)
        {
            return "unknown";
        }

        return m.ScaleMax is null ? $"{m.ScaleMin} or more" : $"{m.ScaleMin}-{m.ScaleMax}";
    }
}
