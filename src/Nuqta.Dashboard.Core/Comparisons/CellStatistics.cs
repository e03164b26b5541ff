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
    public static CellEstimate CompareLocation(Metric metric, string statistic, CellSamples samples, ComparisonOptions options)
    {
        ReadOnlySpan<double> candidateUsed = samples.Candidate;
        ReadOnlySpan<double> baselineUsed = samples.Baseline;
        SampleDesign design = samples.Design;
        double? probability = QuantileProbability(statistic);
        ReadOnlySpan<double> candidateSorted = samples.CandidateSorted;
        ReadOnlySpan<double> baselineSorted = samples.BaselineSorted;
        double candidateValue = Summarize(candidateUsed, candidateSorted, probability);
        double baselineValue = Summarize(baselineUsed, baselineSorted, probability);
        double ks = KolmogorovSmirnovTest.TwoSampleOfSorted(candidateSorted, baselineSorted).Statistic;

        // A relative tolerance is a fraction of the baseline statistic, for latency 5 % of the baseline p95.
        double tolerance = metric.ToleranceIsRelative ? metric.Tolerance * Math.Abs(baselineValue) : metric.Tolerance;
        if (candidateUsed.Length < MinimumTestableCount || baselineUsed.Length < MinimumTestableCount)
        {
            return Untestable(statistic, design, candidateUsed.Length, baselineUsed.Length, samples.PairCount, candidateValue, baselineValue, tolerance, metric.Direction, ks);
        }

        var intervalOptions = new DifferenceIntervalOptions
        {
            ConfidenceLevel = 1.0 - metric.Alpha,
            Seed = options.Seed,
            Resamples = options.Resamples,
        };
        DifferenceEstimate estimate = Estimate(candidateUsed, baselineUsed, candidateSorted, baselineSorted, probability, design, intervalOptions);
        double pValue = design == SampleDesign.Paired
            ? WilcoxonSignedRankTest.TestCompletePairs(candidateUsed, baselineUsed).PValue
            : MannWhitneyUTest.Test(candidateUsed, baselineUsed).PValue;

        return new CellEstimate(
            statistic, design, candidateUsed.Length, baselineUsed.Length, samples.PairCount, candidateValue, baselineValue,
            estimate.Difference, estimate.Interval, estimate.Method.ToString(), pValue, tolerance, metric.Direction, ks, IsTestable: true);
    }

    // Above the analytic threshold the interval comes straight from the sorted or paired values
    // that the cell already has. Below it the bootstrap resamples them, as in DifferenceIntervals.
    private static DifferenceEstimate Estimate(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        ReadOnlySpan<double> candidateSorted,
        ReadOnlySpan<double> baselineSorted,
        double? probability,
        SampleDesign design,
        DifferenceIntervalOptions options)
    {
        bool analytic = Math.Max(candidate.Length, baseline.Length) > options.AnalyticThreshold;
        if (design == SampleDesign.Paired && analytic)
        {
            return probability is { } p
                ? AnalyticIntervals.QuantileDifferenceOfSorted(candidateSorted, baselineSorted, p, options.ConfidenceLevel)
                : AnalyticIntervals.PairedMeanDifferenceOfComplete(candidate, baseline, options.ConfidenceLevel);
        }

        return probability is { } q
            ? DifferenceIntervals.QuantileDifference(candidate, baseline, q, design, options)
            : DifferenceIntervals.MeanDifference(candidate, baseline, design, options);
    }

    /// <summary>
    /// Compares the share of values for which <paramref name="isCounted"/> holds: Newcombe's paired interval
    /// with McNemar's exact test when paired, Newcombe's independent interval with the two-proportion z-test
    /// otherwise.
    /// </summary>
    public static CellEstimate CompareRate(
        Metric metric,
        string statistic,
        CellSamples samples,
        Func<double, bool> isCounted,
        MetricDirection direction,
        double tolerance)
    {
        ReadOnlySpan<double> candidateUsed = samples.Candidate;
        ReadOnlySpan<double> baselineUsed = samples.Baseline;
        SampleDesign design = samples.Design;

        // Paired values give the 2 x 2 table, whose margins are the counts of each side.
        PairedOutcomeTable? table = design == SampleDesign.Paired ? PairedOutcomeTable.FromValues(candidateUsed, baselineUsed, isCounted) : null;
        int candidateCounted = table is { } pairedCandidate ? pairedCandidate.BothGood + pairedCandidate.CandidateOnlyGood : Count(candidateUsed, isCounted);
        int baselineCounted = table is { } pairedBaseline ? pairedBaseline.BothGood + pairedBaseline.BaselineOnlyGood : Count(baselineUsed, isCounted);
        double candidateRate = candidateUsed.Length == 0 ? double.NaN : candidateCounted / (double)candidateUsed.Length;
        double baselineRate = baselineUsed.Length == 0 ? double.NaN : baselineCounted / (double)baselineUsed.Length;
        if (candidateUsed.Length < MinimumTestableCount || baselineUsed.Length < MinimumTestableCount)
        {
            return Untestable(statistic, design, candidateUsed.Length, baselineUsed.Length, samples.PairCount, candidateRate, baselineRate, tolerance, direction, double.NaN);
        }

        ProportionDifference difference;
        double pValue;
        string method;
        if (table is { } paired)
        {
            difference = Proportions.NewcombePairedDifference(paired, metric.Alpha);
            pValue = Proportions.McNemarExact(paired).PValue;
            method = "NewcombePaired";
        }
        else
        {
            difference = Proportions.NewcombeDifference(candidateCounted, candidateUsed.Length, baselineCounted, baselineUsed.Length, metric.Alpha);
            pValue = Proportions.TwoProportionZTest(candidateCounted, candidateUsed.Length, baselineCounted, baselineUsed.Length).PValue;
            method = "NewcombeIndependent";
        }

        return new CellEstimate(
            statistic, design, candidateUsed.Length, baselineUsed.Length, samples.PairCount, candidateRate, baselineRate,
            difference.Difference, difference.Interval, method, pValue, tolerance, direction, double.NaN, IsTestable: true);
    }

    private static int Count(ReadOnlySpan<double> values, Func<double, bool> isCounted)
    {
        int count = 0;
        foreach (double value in values)
        {
            if (isCounted(value))
            {
                count++;
            }
        }

        return count;
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

    /// <summary>Counts the examples with a value on both sides; samples of different length have no pairs.</summary>
    public static int CountPairs(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline)
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

    private static double Summarize(ReadOnlySpan<double> values, ReadOnlySpan<double> sorted, double? probability)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        return probability is { } p ? Quantiles.QuantileOfSorted(sorted, p) : SampleData.Mean(values);
    }

    private static CellEstimate Untestable(
        string statistic, SampleDesign design, int candidateCount, int baselineCount, int pairCount,
        double candidate, double baseline, double tolerance, MetricDirection direction, double ks) =>
        new(statistic, design, candidateCount, baselineCount, pairCount, candidate, baseline, candidate - baseline,
            new ConfidenceInterval(double.NaN, double.NaN), null, double.NaN, tolerance, direction, ks, IsTestable: false);
}

/// <summary>
/// The values of one cell that its statistics use: complete pairs when paired, each side's present
/// values otherwise, in arrays rented from the shared pool until disposed. The location and the
/// rate statistics of a cell share them, and the sorted copies are made once, on first use.
/// </summary>
internal sealed class CellSamples : IDisposable
{
    private readonly RentedValues _candidate;
    private readonly RentedValues _baseline;
    private RentedValues? _candidateSorted;
    private RentedValues? _baselineSorted;

    private CellSamples(SampleDesign design, RentedValues candidate, RentedValues baseline, int pairCount)
    {
        Design = design;
        _candidate = candidate;
        _baseline = baseline;
        PairCount = pairCount;
    }

    public SampleDesign Design { get; }

    /// <summary>Number of examples with a value on both sides.</summary>
    public int PairCount { get; }

    public ReadOnlySpan<double> Candidate => _candidate.Span;

    public ReadOnlySpan<double> Baseline => _baseline.Span;

    public ReadOnlySpan<double> CandidateSorted => (_candidateSorted ??= Sorted(_candidate)).Span;

    public ReadOnlySpan<double> BaselineSorted => (_baselineSorted ??= Sorted(_baseline)).Span;

    /// <summary>Selects the values of a cell: the complete pairs when paired, the present values of each side otherwise.</summary>
    public static CellSamples Of(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, SampleDesign design)
    {
        if (design == SampleDesign.Paired)
        {
            (RentedValues pairedCandidate, RentedValues pairedBaseline) = RentedValues.CompletePairs(candidate, baseline);
            return new CellSamples(design, pairedCandidate, pairedBaseline, pairedCandidate.Length);
        }

        return new CellSamples(design, RentedValues.WithoutNaN(candidate), RentedValues.WithoutNaN(baseline), CellStatistics.CountPairs(candidate, baseline));
    }

    public void Dispose()
    {
        _candidate.Dispose();
        _baseline.Dispose();
        _candidateSorted?.Dispose();
        _baselineSorted?.Dispose();
    }

    private static RentedValues Sorted(RentedValues values) => RentedValues.SortedWithoutNaN(values.Span);
}
