using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class DifferenceIntervalsTests
{
    private static readonly DifferenceIntervalOptions FewResamples = new() { Resamples = 50 };

    [Fact]
    public void MeanDifference_BootstrapsAtThreshold()
    {
        (double[] candidate, double[] baseline) = PairedSample(DifferenceIntervalOptions.DefaultAnalyticThreshold);

        DifferenceEstimate result = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Paired, FewResamples);

        Assert.Equal(IntervalMethod.PercentileBootstrap, result.Method);
    }

    [Fact]
    public void MeanDifference_UsesPairedTAboveThreshold()
    {
        (double[] candidate, double[] baseline) = PairedSample(DifferenceIntervalOptions.DefaultAnalyticThreshold + 1);

        DifferenceEstimate result = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Paired, FewResamples);

        Assert.Equal(IntervalMethod.PairedStudentT, result.Method);
    }

    [Fact]
    public void MeanDifference_IndependentSwitchUsesLargerSample()
    {
        var generator = new Xoshiro256StarStar(3);
        double[] candidate = SimulatedSamples.Normal(generator, 30, 0.0, 1.0);
        double[] baseline = SimulatedSamples.Normal(generator, 31, 0.0, 1.0);
        DifferenceIntervalOptions options = FewResamples with { AnalyticThreshold = 30 };

        DifferenceEstimate result = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Independent, options);

        Assert.Equal(IntervalMethod.WelchStudentT, result.Method);
    }

    [Fact]
    public void MeanDifference_ThresholdCountsCompletePairsOnly()
    {
        (double[] candidate, double[] baseline) = PairedSample(12);
        candidate[0] = double.NaN;
        candidate[1] = double.NaN;
        DifferenceIntervalOptions options = FewResamples with { AnalyticThreshold = 10 };

        DifferenceEstimate result = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Paired, options);

        Assert.Equal(IntervalMethod.PercentileBootstrap, result.Method);
        Assert.Equal(10, result.CandidateCount);
    }

    [Fact]
    public void QuantileDifference_UsesOrderStatisticsAboveThreshold()
    {
        (double[] candidate, double[] baseline) = PairedSample(40);
        DifferenceIntervalOptions options = FewResamples with { AnalyticThreshold = 39 };

        DifferenceEstimate paired = DifferenceIntervals.QuantileDifference(candidate, baseline, 0.95, SampleDesign.Paired, options);
        DifferenceEstimate independent = DifferenceIntervals.QuantileDifference(
            candidate, baseline, 0.95, SampleDesign.Independent, options);

        Assert.Equal(IntervalMethod.OrderStatisticMover, paired.Method);
        Assert.Equal(IntervalMethod.OrderStatisticMover, independent.Method);
    }

    [Fact]
    public void QuantileDifference_BootstrapsAtOrBelowThreshold()
    {
        (double[] candidate, double[] baseline) = PairedSample(40);

        DifferenceEstimate result = DifferenceIntervals.QuantileDifference(
            candidate, baseline, 0.95, SampleDesign.Paired, FewResamples);

        Assert.Equal(IntervalMethod.PercentileBootstrap, result.Method);
    }

    [Fact]
    public void MeanDifference_AnalyticAndBootstrapAgreeOnLargeSample()
    {
        // With 5,000 pairs the bootstrap percentile interval and the t interval both approximate d̄ ± 1.96·s/√n.
        // They differ by Monte Carlo error, which stays well under a tenth of the half-width.
        (double[] candidate, double[] baseline) = PairedSample(5000);
        var bootstrapOptions = new DifferenceIntervalOptions { AnalyticThreshold = 5000 };
        var analyticOptions = new DifferenceIntervalOptions { AnalyticThreshold = 4999 };

        DifferenceEstimate bootstrap = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Paired, bootstrapOptions);
        DifferenceEstimate analytic = DifferenceIntervals.MeanDifference(candidate, baseline, SampleDesign.Paired, analyticOptions);

        double halfWidth = (analytic.Interval.Upper - analytic.Interval.Lower) / 2.0;
        Assert.InRange(bootstrap.Interval.Lower, analytic.Interval.Lower - (0.1 * halfWidth), analytic.Interval.Lower + (0.1 * halfWidth));
        Assert.InRange(bootstrap.Interval.Upper, analytic.Interval.Upper - (0.1 * halfWidth), analytic.Interval.Upper + (0.1 * halfWidth));
    }

    [Fact]
    public void MeanDifference_RejectsNegativeThreshold()
    {
        var options = new DifferenceIntervalOptions { AnalyticThreshold = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(
            () => DifferenceIntervals.MeanDifference([1.0], [1.0], SampleDesign.Paired, options));
    }

    private static (double[] Candidate, double[] Baseline) PairedSample(int count)
    {
        var generator = new Xoshiro256StarStar((ulong)count);
        double[] baseline = SimulatedSamples.Normal(generator, count, 0.7, 0.1);
        double[] candidate = new double[count];
        for (int i = 0; i < count; i++)
        {
            candidate[i] = baseline[i] + (0.13 * generator.NextStandardNormal()) - 0.01;
        }

        return (candidate, baseline);
    }
}
