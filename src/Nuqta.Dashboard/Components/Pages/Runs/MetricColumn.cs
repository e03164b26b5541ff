using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Components.Pages.Runs;

/// <summary>A metric of a run with the label, direction and number format that the run pages show for it.</summary>
/// <param name="Key">Metric key, as stored with the run's values.</param>
/// <param name="DisplayName">Name from the catalogue, or the key when the catalogue has no entry.</param>
/// <param name="Direction">"higher is better", "lower is better" or "unknown".</param>
/// <param name="Unit">Unit from the catalogue; empty when there is none.</param>
/// <param name="Decimals">Decimals of every value of the metric on the page, so columns line up.</param>
/// <param name="HasBadThreshold">Whether the catalogue sets the value at which a row counts as bad. Without one, bad counts are always 0.</param>
public sealed record MetricColumn(string Key, string DisplayName, string Direction, string Unit, int Decimals, bool HasBadThreshold)
{
    /// <summary>Formats a value of this metric, or returns a dash for null.</summary>
    public string Format(double? value) => MetricFormat.Format(value, Decimals);

    /// <summary>Formats the 95 % interval of a mean of this metric.</summary>
    public string Interval(double? lower, double? upper) => MetricFormat.Interval(lower, upper, Decimals);

    /// <summary>Formats the number of bad rows with its share of the rows with a value, or a dash when no threshold is set.</summary>
    public string BadCount(int bad, int count) => HasBadThreshold ? MetricFormat.CountWithShare(bad, count) : MetricFormat.None;

    /// <summary>An arrow for the direction: ↑ when higher is better, ↓ when lower is better, empty when unknown.</summary>
    public string DirectionArrow => Direction switch
    {
        "higher is better" => "↑",
        "lower is better" => "↓",
        _ => "",
    };

    /// <summary>
    /// Creates one column per metric of the run's overall aggregates, in their order. The decimals
    /// come from the catalogue unit and the overall mean, interval and percentiles.
    /// </summary>
    public static IReadOnlyList<MetricColumn> From(IReadOnlyList<MetricAggregateView> overall, IReadOnlyList<MetricView> catalogue)
    {
        var byKey = catalogue.ToDictionary(m => m.Key, StringComparer.Ordinal);
        return overall
            .Select(a =>
            {
                var metric = byKey.GetValueOrDefault(a.Metric);
                var decimals = MetricFormat.DecimalsFor(metric?.Unit, [a.Mean, a.MeanLower, a.MeanUpper, a.P50, a.P95]);
                var hasThreshold = metric is not null && metric.BadWhen != MetricCatalogue.BadWhenNotSet;
                return new MetricColumn(a.Metric, metric?.DisplayName ?? a.Metric, metric?.Direction ?? "unknown", metric?.Unit ?? "", decimals, hasThreshold);
            })
            .ToList();
    }
}
