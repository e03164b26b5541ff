using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>Bootstrap settings of a comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Default of <see cref="Resamples"/>.</summary>
    public const int DefaultResamples = BootstrapOptions.DefaultResamples;

    /// <summary>Bootstrap generator seed. Every cell uses it, so a cell's interval does not depend on the other cells.</summary>
    public ulong Seed { get; init; } = BootstrapOptions.DefaultSeed;

    /// <summary>Bootstrap resamples per cell.</summary>
    public int Resamples { get; init; } = DefaultResamples;
}

/// <summary>
/// The values of one metric on both sides, in the dataset version's example order, after averaging trials.
/// </summary>
public sealed record MetricSamples(
    Metric Metric,
    double[] Candidate,
    double[] Baseline,
    int CandidateTrials = 1,
    int BaselineTrials = 1,
    double CandidateTrialSpread = double.NaN,
    double BaselineTrialSpread = double.NaN);

/// <summary>A segment dimension: its distinct values and the value code of each example.</summary>
public sealed record DimensionCodes(string Name, IReadOnlyList<string> Values, int[] Codes);

/// <summary>Per-metric summaries and every cell of a comparison.</summary>
public sealed record ComparisonCells(IReadOnlyList<MetricComparisonSummary> Metrics, IReadOnlyList<ComparisonCell> Cells);

/// <summary>
/// Compares candidate with baseline per metric, overall and per segment value, then adjusts the p-values of
/// all cells together by Benjamini-Hochberg and classifies each cell with <see cref="VerdictRules"/>.
/// </summary>
public static class ComparisonCalculator
{
    /// <summary>
    /// Computes every cell. A metric is compared paired when some example has a value on both sides, and
    /// independent otherwise. Each metric gets cells for its aggregate and, when it has a bad threshold
    /// and its aggregate is not already a good rate, cells for its bad rate.
    /// </summary>
    public static ComparisonCells Compare(IReadOnlyList<MetricSamples> metrics, IReadOnlyList<DimensionCodes> dimensions, ComparisonOptions options)
    {
        // Metrics are independent of each other, so they are computed in parallel. Each metric's
        // cells keep their place in the list, so the result does not depend on the schedule.
        var perMetric = new (MetricComparisonSummary Summary, List<(Metric Metric, string? Dimension, string? Segment, CellEstimate Estimate)> Estimates)[metrics.Count];
        Parallel.For(0, metrics.Count, m => perMetric[m] = CompareMetric(metrics[m], dimensions, options));

        var summaries = perMetric.Select(p => p.Summary).ToList();
        var estimates = perMetric.SelectMany(p => p.Estimates).ToList();

        // One Benjamini-Hochberg family over every cell of the comparison, so the false discovery rate
        // is controlled over all metrics and segments that the verdicts report.
        double[] qValues = MultipleTesting.BenjaminiHochberg(estimates.Select(e => e.Estimate.PValue).ToArray());
        var cells = new List<ComparisonCell>(estimates.Count);
        for (int i = 0; i < estimates.Count; i++)
        {
            var (metric, dimension, segment, estimate) = estimates[i];
            cells.Add(ToCell(metric, dimension, segment, estimate, qValues[i]));
        }

        return new ComparisonCells(summaries, cells);
    }

    private static (MetricComparisonSummary, List<(Metric, string?, string?, CellEstimate)>) CompareMetric(
        MetricSamples samples, IReadOnlyList<DimensionCodes> dimensions, ComparisonOptions options)
    {
        int pairCount = CellStatistics.CountPairs(samples.Candidate, samples.Baseline);
        SampleDesign design = pairCount > 0 ? SampleDesign.Paired : SampleDesign.Independent;
        var summary = new MetricComparisonSummary(
            samples.Metric.Key, samples.Metric.Aggregate, DesignName(design), pairCount,
            samples.CandidateTrials, samples.BaselineTrials,
            Defined(samples.CandidateTrialSpread), Defined(samples.BaselineTrialSpread));

        var estimates = new List<(Metric, string?, string?, CellEstimate)>();
        foreach (CellEstimate estimate in EstimateCell(samples.Metric, samples.Candidate, samples.Baseline, design, options))
        {
            estimates.Add((samples.Metric, null, null, estimate));
        }

        for (int d = 0; d < dimensions.Count; d++)
        {
            // Each side's values regrouped by segment value in one pass, each group in example order,
            // so that the sides of a paired cell stay aligned.
            using var candidateGroups = SegmentGroups.Split([samples.Candidate], dimensions[d].Codes, dimensions[d].Values.Count);
            using var baselineGroups = SegmentGroups.Split([samples.Baseline], dimensions[d].Codes, dimensions[d].Values.Count);
            for (int code = 0; code < dimensions[d].Values.Count; code++)
            {
                foreach (CellEstimate estimate in EstimateCell(samples.Metric, candidateGroups[code], baselineGroups[code], design, options))
                {
                    estimates.Add((samples.Metric, dimensions[d].Name, dimensions[d].Values[code], estimate));
                }
            }
        }

        return (summary, estimates);
    }

    private static List<CellEstimate> EstimateCell(Metric metric, ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, SampleDesign design, ComparisonOptions options)
    {
        using var samples = CellSamples.Of(candidate, baseline, design);
        if (metric.Aggregate == "good-rate")
        {
            // A good rate is higher-is-better whatever the raw metric's direction: toxicity is lower-is-better,
            // but its good rate is the share of non-toxic answers.
            return [CellStatistics.CompareRate(metric, "good-rate", samples, value => IsGood(metric, value), MetricDirection.HigherIsBetter, metric.Tolerance)];
        }

        var estimates = new List<CellEstimate> { CellStatistics.CompareLocation(metric, metric.Aggregate, samples, options) };
        if (metric.BadWhen is not null)
        {
            // A relative tolerance is a fraction of a statistic in the metric's units and means nothing for a
            // rate, so bad rates of such metrics use the catalogue's default absolute tolerance.
            double tolerance = metric.ToleranceIsRelative ? MetricCatalogue.DefaultTolerance : metric.Tolerance;
            estimates.Add(CellStatistics.CompareRate(metric, "bad-rate", samples, metric.IsBad, MetricDirection.LowerIsBetter, tolerance));
        }

        return estimates;
    }

    // NOTE: a good-rate metric without a bad threshold counts any nonzero value as good, the pass/fail
    // convention of imported 0/1 metrics.
    private static bool IsGood(Metric metric, double value) => metric.BadWhen is null ? value != 0 : !metric.IsBad(value);

    private static ComparisonCell ToCell(Metric metric, string? dimension, string? segment, CellEstimate estimate, double qValue)
    {
        Verdict verdict = Verdict.InsufficientData;
        if (estimate.IsTestable)
        {
            verdict = VerdictRules.Classify(new VerdictInput
            {
                Difference = estimate.Difference,
                Lower = estimate.Interval.Lower,
                Upper = estimate.Interval.Upper,
                QValue = qValue,
                Alpha = metric.Alpha,
                Tolerance = estimate.Tolerance,
                Direction = estimate.Direction,
                CandidateCount = estimate.CandidateCount,
                BaselineCount = estimate.BaselineCount,
                MinimumExamples = metric.MinExamples,
            });
        }

        return new ComparisonCell(
            metric.Key, estimate.Statistic, dimension, segment, DesignName(estimate.Design),
            estimate.CandidateCount, estimate.BaselineCount, estimate.PairCount,
            Defined(estimate.Candidate), Defined(estimate.Baseline), Defined(estimate.Difference),
            Defined(estimate.Interval.Lower), Defined(estimate.Interval.Upper), estimate.Method,
            Defined(estimate.PValue), Defined(qValue), Defined(estimate.Tolerance), verdict, Defined(estimate.KsStatistic));
    }

    private static string DesignName(SampleDesign design) => design == SampleDesign.Paired ? "paired" : "independent";

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}
