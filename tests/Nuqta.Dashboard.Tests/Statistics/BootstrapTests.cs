using System.Diagnostics;
using Nuqta.Dashboard.Core.Statistics;
using Xunit.Abstractions;

namespace Nuqta.Dashboard.Tests.Statistics;

public class BootstrapTests
{
    private readonly ITestOutputHelper _output;

    public BootstrapTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void PairedMean_SameSeedGivesSameResult()
    {
        (double[] candidate, double[] baseline) = Sample(300, seed: 1);
        var options = new BootstrapOptions { Seed = 99 };

        DifferenceEstimate first = Bootstrap.PairedMeanDifference(candidate, baseline, options);
        DifferenceEstimate second = Bootstrap.PairedMeanDifference(candidate, baseline, options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void IndependentQuantile_SameSeedGivesSameResult()
    {
        (double[] candidate, double[] baseline) = Sample(300, seed: 2);
        var options = new BootstrapOptions { Seed = 99 };

        DifferenceEstimate first = Bootstrap.IndependentQuantileDifference(candidate, baseline, 0.95, options);
        DifferenceEstimate second = Bootstrap.IndependentQuantileDifference(candidate, baseline, 0.95, options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void PairedMean_DifferentSeedsGiveDifferentIntervals()
    {
        (double[] candidate, double[] baseline) = Sample(300, seed: 3);

        DifferenceEstimate first = Bootstrap.PairedMeanDifference(candidate, baseline, new BootstrapOptions { Seed = 1 });
        DifferenceEstimate second = Bootstrap.PairedMeanDifference(candidate, baseline, new BootstrapOptions { Seed = 2 });

        Assert.NotEqual(first.Interval, second.Interval);
    }

    [Fact]
    public void PairedMean_MatchesDirectResampling()
    {
        (double[] candidate, double[] baseline) = Sample(120, seed: 4);
        var options = new BootstrapOptions { Resamples = 500, Seed = 7 };
        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int r = 0; r < resampled.Length; r++)
        {
            double sum = 0.0;
            for (int draw = 0; draw < candidate.Length; draw++)
            {
                int example = generator.NextInt32(candidate.Length);
                sum += candidate[example] - baseline[example];
            }

            resampled[r] = sum / candidate.Length;
        }

        DifferenceEstimate result = Bootstrap.PairedMeanDifference(candidate, baseline, options);

        AssertPercentileInterval(resampled, result);
    }

    [Fact]
    public void IndependentMean_MatchesDirectResampling()
    {
        (double[] candidate, _) = Sample(90, seed: 5);
        (_, double[] baseline) = Sample(130, seed: 6);
        var options = new BootstrapOptions { Resamples = 500, Seed = 8 };
        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int r = 0; r < resampled.Length; r++)
        {
            double candidateMean = DirectResample(candidate, generator).Average();
            double baselineMean = DirectResample(baseline, generator).Average();
            resampled[r] = candidateMean - baselineMean;
        }

        DifferenceEstimate result = Bootstrap.IndependentMeanDifference(candidate, baseline, options);

        AssertPercentileInterval(resampled, result);
    }

    [Fact]
    public void PairedQuantile_MatchesSortingEachResample()
    {
        (double[] candidate, double[] baseline) = Sample(150, seed: 9);
        var options = new BootstrapOptions { Resamples = 400, Seed = 10 };
        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        var candidateDraw = new double[candidate.Length];
        var baselineDraw = new double[candidate.Length];
        for (int r = 0; r < resampled.Length; r++)
        {
            for (int draw = 0; draw < candidate.Length; draw++)
            {
                int example = generator.NextInt32(candidate.Length);
                candidateDraw[draw] = candidate[example];
                baselineDraw[draw] = baseline[example];
            }

            resampled[r] = Quantiles.Quantile(candidateDraw, 0.95) - Quantiles.Quantile(baselineDraw, 0.95);
        }

        DifferenceEstimate result = Bootstrap.PairedQuantileDifference(candidate, baseline, 0.95, options);

        AssertPercentileInterval(resampled, result);
        ReferenceAssert.Statistic(Quantiles.Quantile(candidate, 0.95) - Quantiles.Quantile(baseline, 0.95), result.Difference);
    }

    [Fact]
    public void IndependentQuantile_MatchesSortingEachResample()
    {
        (double[] candidate, _) = Sample(80, seed: 11);
        (_, double[] baseline) = Sample(140, seed: 12);
        var options = new BootstrapOptions { Resamples = 400, Seed = 13 };

        // The bootstrap draws positions in the sorted sample, so the direct version does the same.
        double[] candidateSorted = candidate.Order().ToArray();
        double[] baselineSorted = baseline.Order().ToArray();
        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int r = 0; r < resampled.Length; r++)
        {
            double candidateQuantile = Quantiles.Quantile(DirectResample(candidateSorted, generator), 0.5);
            double baselineQuantile = Quantiles.Quantile(DirectResample(baselineSorted, generator), 0.5);
            resampled[r] = candidateQuantile - baselineQuantile;
        }

        DifferenceEstimate result = Bootstrap.IndependentQuantileDifference(candidate, baseline, 0.5, options);

        AssertPercentileInterval(resampled, result);
    }

    [Fact]
    public void QuantileFromCounts_MatchesExpandedSample()
    {
        var generator = new Xoshiro256StarStar(21);
        double[] sorted = SimulatedSamples.Normal(generator, 25, 0.0, 1.0).Order().ToArray();
        sorted[10] = sorted[9];
        var counts = new int[sorted.Length];
        var expanded = new double[sorted.Length];
        for (int trial = 0; trial < 200; trial++)
        {
            Array.Clear(counts);
            for (int draw = 0; draw < sorted.Length; draw++)
            {
                int position = generator.NextInt32(sorted.Length);
                counts[position]++;
                expanded[draw] = sorted[position];
            }

            foreach (double probability in new[] { 0.0, 0.05, 0.5, 0.9, 0.95, 0.99, 1.0 })
            {
                Assert.Equal(Quantiles.Quantile(expanded, probability), Bootstrap.QuantileFromCounts(sorted, counts, probability));
            }
        }
    }

    [Fact]
    public void PairedMean_ClearShiftHasSmallestPValue()
    {
        // Every resampled mean is positive, so k≤ = 0 and p = 2·(1 + 0)/(B + 1).
        (double[] candidate, double[] baseline) = Sample(200, seed: 14);
        double[] shifted = candidate.Select(value => value + 1.0).ToArray();
        var options = new BootstrapOptions { Resamples = 999 };

        DifferenceEstimate result = Bootstrap.PairedMeanDifference(shifted, baseline, options);

        Assert.Equal(2.0 / 1000.0, result.PValue, 1e-15);
    }

    [Fact]
    public void PairedMean_IdenticalSamplesGiveZeroInterval()
    {
        (double[] candidate, _) = Sample(50, seed: 15);

        DifferenceEstimate result = Bootstrap.PairedMeanDifference(candidate, candidate);

        Assert.Equal(new ConfidenceInterval(0.0, 0.0), result.Interval);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void PairedMean_SinglePairGivesPointInterval()
    {
        DifferenceEstimate result = Bootstrap.PairedMeanDifference([0.9], [0.6]);

        ReferenceAssert.Statistic(0.3, result.Interval.Lower);
        ReferenceAssert.Statistic(0.3, result.Interval.Upper);
    }

    [Fact]
    public void IndependentMean_EmptySideIsNaN()
    {
        DifferenceEstimate result = Bootstrap.IndependentMeanDifference([double.NaN], [0.5, 0.6]);

        Assert.True(double.IsNaN(result.Difference));
        Assert.Equal(0, result.CandidateCount);
    }

    [Fact]
    public void Bootstrap_RejectsZeroResamples()
    {
        var options = new BootstrapOptions { Resamples = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.PairedMeanDifference([1.0], [1.0], options));
    }

    [Fact]
    public void IndependentMean_CoversTrueDifference()
    {
        // 1,000 seeded simulations with 200 values per side: candidate ~ N(0.3, 1), baseline ~ N(0, 1), so the
        // true difference is 0.3. Each runs the percentile bootstrap with 1,000 resamples. A 95% interval should
        // cover in 93% to 97% of simulations (95% ± 2.9 binomial standard deviations).
        const double trueDifference = 0.3;
        var options = new BootstrapOptions { Resamples = 1000 };
        int covered = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int simulation = 0; simulation < 1000; simulation++)
        {
            var generator = new Xoshiro256StarStar(10_000UL + (ulong)simulation);
            double[] candidate = SimulatedSamples.Normal(generator, 200, trueDifference, 1.0);
            double[] baseline = SimulatedSamples.Normal(generator, 200, 0.0, 1.0);

            DifferenceEstimate result = Bootstrap.IndependentMeanDifference(
                candidate, baseline, options with { Seed = (ulong)simulation });

            if (result.Interval.Lower <= trueDifference && trueDifference <= result.Interval.Upper)
            {
                covered++;
            }
        }

        stopwatch.Stop();
        _output.WriteLine($"Bootstrap coverage: {covered} of 1000 in {stopwatch.Elapsed.TotalSeconds:F2} s");
        Assert.InRange(covered, 930, 970);
    }

    [Fact]
    public void Welch_CoversTrueDifference()
    {
        // Same simulations as the bootstrap coverage test, with the closed-form Welch interval.
        const double trueDifference = 0.3;
        int covered = 0;
        for (int simulation = 0; simulation < 1000; simulation++)
        {
            var generator = new Xoshiro256StarStar(10_000UL + (ulong)simulation);
            double[] candidate = SimulatedSamples.Normal(generator, 200, trueDifference, 1.0);
            double[] baseline = SimulatedSamples.Normal(generator, 200, 0.0, 1.0);

            DifferenceEstimate result = AnalyticIntervals.WelchMeanDifference(candidate, baseline);

            if (result.Interval.Lower <= trueDifference && trueDifference <= result.Interval.Upper)
            {
                covered++;
            }
        }

        _output.WriteLine($"Welch coverage: {covered} of 1000");
        Assert.InRange(covered, 930, 970);
    }

    [Fact]
    public void PairedMean_RuntimeAtAnalyticThreshold()
    {
        // Records the cost of the largest default bootstrap: 5,000 pairs and 2,000 resamples, 10⁷ draws.
        (double[] candidate, double[] baseline) = Sample(DifferenceIntervalOptions.DefaultAnalyticThreshold, seed: 16);
        var stopwatch = Stopwatch.StartNew();

        DifferenceEstimate mean = Bootstrap.PairedMeanDifference(candidate, baseline);
        TimeSpan meanTime = stopwatch.Elapsed;
        DifferenceEstimate quantile = Bootstrap.PairedQuantileDifference(candidate, baseline, 0.95);
        TimeSpan quantileTime = stopwatch.Elapsed - meanTime;

        _output.WriteLine($"Paired mean bootstrap, 5000 x 2000: {meanTime.TotalMilliseconds:F0} ms");
        _output.WriteLine($"Paired p95 bootstrap, 5000 x 2000: {quantileTime.TotalMilliseconds:F0} ms");
        Assert.Equal(IntervalMethod.PercentileBootstrap, mean.Method);
        Assert.Equal(IntervalMethod.PercentileBootstrap, quantile.Method);
    }

    private static void AssertPercentileInterval(double[] resampled, DifferenceEstimate result)
    {
        double[] sorted = resampled.Order().ToArray();
        Assert.Equal(Quantiles.QuantileOfSorted(sorted, 0.025), result.Interval.Lower, 1e-12);
        Assert.Equal(Quantiles.QuantileOfSorted(sorted, 0.975), result.Interval.Upper, 1e-12);

        int atOrBelow = resampled.Count(value => value <= 0.0);
        int atOrAbove = resampled.Count(value => value >= 0.0);
        double expectedPValue = Math.Min(1.0, 2.0 * (1.0 + Math.Min(atOrBelow, atOrAbove)) / (resampled.Length + 1.0));
        Assert.Equal(expectedPValue, result.PValue, 1e-15);
    }

    private static double[] DirectResample(double[] values, Xoshiro256StarStar generator)
    {
        var draw = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            draw[i] = values[generator.NextInt32(values.Length)];
        }

        return draw;
    }

    private static (double[] Candidate, double[] Baseline) Sample(int count, ulong seed)
    {
        var generator = new Xoshiro256StarStar(seed);
        double[] baseline = SimulatedSamples.Normal(generator, count, 0.7, 0.1);
        double[] candidate = new double[count];
        for (int i = 0; i < count; i++)
        {
            candidate[i] = baseline[i] + (0.13 * generator.NextStandardNormal()) - 0.02;
        }

        return (candidate, baseline);
    }
}
