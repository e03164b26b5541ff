using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// Evidence for one cell before the multiple-testing adjustment. <see cref="IsTestable"/> is false when a
/// side has fewer than two values, and then only the counts and the statistics that exist are set.
/// </summary>
internal sealed record CellEstimate(
    string Statistic,
    SampleDesign Design,
    int CandidateCount,
    int BaselineCount,
    int PairCount,
    double Candidate,
    double Baseline,
    double Difference,
    ConfidenceInterval Interval,
    string? Method,
    double PValue,
    double Tolerance,
    MetricDirection Direction,
    double KsStatistic,
    bool IsTestable);

/// <summary>
/// Computes the difference, interval and p-value of one cell, by the kind of statistic compared.
/// </summary>
internal static class CellStatistics
{
    /// <summary>Fewest values per side for which an interval and a test mean anything.</summary>
    public const int MinimumTestableCount = 2;

    /// <summary>
    /// Compares a mean or a quantile (statistic <c>mean</c> or <c>pNN</c>). The interval comes from
    /// <see cref="DifferenceIntervals"/>, the p-value from the Wilcoxon signed-rank test when paired and the
    /// Mann-Whitney U test otherwise.
    /// </summary>
    public static CellEstimate CompareLocation(
        Metric metric, string statistic, double[] candidate, double[] baseline, SampleDesign design, ComparisonOptions options)
    {
        (double[] candidateUsed, double[] baselineUsed) = Select(candidate, baseline, design);
        int pairCount = CountPairs(candidate, baseline);
        double? probability = QuantileProbability(statistic);
        double candidateValue = Summarize(candidateUsed, probability);
        double baselineValue = Summarize(baselineUsed, probability);
        double ks = KolmogorovSmirnovTest.TwoSample(candidateUsed, baselineUsed).Statistic;

        // A relative tolerance is a fraction of the baseline statistic, for latency 5 % of the baseline p95.
        double tolerance = metric.ToleranceIsRelative ? metric.Tolerance * Math.Abs(baselineValue) : metric.Tolerance;
        if (candidateUsed.Length < MinimumTestableCount || baselineUsed.Length < MinimumTestableCount)
        {
            return Untestable(statistic, design, candidateUsed.Length, baselineUsed.Length, pairCount, candidateValue, baselineValue, tolerance, metric.Direction, ks);
        }

        var intervalOptions = new DifferenceIntervalOptions
        {
            ConfidenceLevel = 1.0 - metric.Alpha,
            Seed = options.Seed,
            Resamples = options.Resamples,
        };
        DifferenceEstimate estimate = probability is { } p
            ? DifferenceIntervals.QuantileDifference(candidateUsed, baselineUsed, p, design, intervalOptions)
            : DifferenceIntervals.MeanDifference(candidateUsed, baselineUsed, design, intervalOptions);
        double pValue = design == SampleDesign.Paired
            ? WilcoxonSignedRankTest.TestPaired(candidateUsed, baselineUsed).PValue
            : MannWhitneyUTest.Test(candidateUsed, baselineUsed).PValue;

        return new CellEstimate(
            statistic, design, candidateUsed.Length, baselineUsed.Length, pairCount, candidateValue, baselineValue,
            estimate.Difference, estimate.Interval, estimate.Method.ToString(), pValue, tolerance, metric.Direction, ks, IsTestable: true);
    }

    /// <summary>
    /// Compares the share of values for which <paramref name="isCounted"/> holds: Newcombe's paired interval
    /// with McNemar's exact test when paired, Newcombe's independent interval with the two-proportion z-test
    /// otherwise.
    /// </summary>
    public static CellEstimate CompareRate(
        Metric metric,
        string statistic,
        double[] candidate,
        double[] baseline,
        SampleDesign design,
        Func<double, bool> isCounted,
        MetricDirection direction,
        double tolerance)
    {
        (double[] candidateUsed, double[] baselineUsed) = Select(candidate, baseline, design);
        int pairCount = CountPairs(candidate, baseline);
        bool[] candidateOutcomes = candidateUsed.Select(isCounted).ToArray();
        bool[] baselineOutcomes = baselineUsed.Select(isCounted).ToArray();
        double candidateRate = Rate(candidateOutcomes);
        double baselineRate = Rate(baselineOutcomes);
        if (candidateUsed.Length < MinimumTestableCount || baselineUsed.Length < MinimumTestableCount)
        {
            return Untestable(statistic, design, candidateUsed.Length, baselineUsed.Length, pairCount, candidateRate, baselineRate, tolerance, direction, double.NaN);
        }

        ProportionDifference difference;
        double pValue;
        string method;
        if (design == SampleDesign.Paired)
        {
            var table = PairedOutcomeTable.FromOutcomes(candidateOutcomes, baselineOutcomes);
            difference = Proportions.NewcombePairedDifference(table, metric.Alpha);
            pValue = Proportions.McNemarExact(table).PValue;
            method = "NewcombePaired";
        }
        else
        {
            int candidateCounted = candidateOutcomes.Count(o => o);
            int baselineCounted = baselineOutcomes.Count(o => o);
            difference = Proportions.NewcombeDifference(candidateCounted, candidateOutcomes.Length, baselineCounted, baselineOutcomes.Length, metric.Alpha);
            pValue = Proportions.TwoProportionZTest(candidateCounted, candidateOutcomes.Length, baselineCounted, baselineOutcomes.Length).PValue;
            method = "NewcombeIndependent";
        }

        return new CellEstimate(
            statistic, design, candidateUsed.Length, baselineUsed.Length, pairCount, candidateRate, baselineRate,
            difference.Difference, difference.Interval, method, pValue, tolerance, direction, double.NaN, IsTestable: true);
    }

    /// <summary>
    /// Returns the probability of a quantile aggregate such as <c>p95</c> (0.95), or null for <c>mean</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The aggregate is neither <c>mean</c> nor <c>p</c> followed by 1 to 99.</exception>
    public static double? QuantileProbability(string statistic)
    {
        if (statistic == "mean")
        {
            return null;
        }

        if (statistic.Length > 1 && statistic[0] == 'p'
            && int.TryParse(statistic.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int percent)
            && percent is >= 1 and <= 99)
        {
            return percent / 100.0;
        }

        throw new InvalidOperationException($"The metric aggregate '{statistic}' is not supported; use mean, good-rate or a quantile p1 to p99.");
    }

    private static (double[] Candidate, double[] Baseline) Select(double[] candidate, double[] baseline, SampleDesign design) =>
        design == SampleDesign.Paired
            ? SampleData.CompletePairs(candidate, baseline)
            : (SampleData.WithoutNaN(candidate), SampleData.WithoutNaN(baseline));

    /// <summary>Counts the examples with a value on both sides; samples of different length have no pairs.</summary>
    public static int CountPairs(double[] candidate, double[] baseline)
    {
        if (candidate.Length != baseline.Length)
        {
            return 0;
        }

        int count = 0;
        for (int i = 0; i < candidate.Length; i++)
        {
            if (!double.IsNaN(candidate[i]) && !double.IsNaN(baseline[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static double Summarize(double[] values, double? probability)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        return probability is { } p ? Quantiles.Quantile(values, p) : SampleData.Mean(values);
    }

    private static double Rate(bool[] outcomes) => outcomes.Length == 0 ? double.NaN : outcomes.Count(o => o) / (double)outcomes.Length;

    private static CellEstimate Untestable(
        string statistic, SampleDesign design, int candidateCount, int baselineCount, int pairCount,
        double candidate, double baseline, double tolerance, MetricDirection direction, double ks) =>
        new(statistic, design, candidateCount, baselineCount, pairCount, candidate, baseline, candidate - baseline,
            new ConfidenceInterval(double.NaN, double.NaN), null, double.NaN, tolerance, direction, ks, IsTestable: false);
}
