using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class DescriptiveStatisticsTests
{
    [Fact]
    public void Summarize_MatchesScipyWithMissingValues()
    {
        // Present values d = [0.71, 0.64, 0.93, 0.88, 0.52, 0.77] (numpy 1.24.2, SciPy 1.10.1):
        // d.mean(), d.var(ddof=1), scipy.stats.t.interval(0.95, 5, loc=d.mean(), scale=scipy.stats.sem(d))
        double[] values = [0.71, double.NaN, 0.64, 0.93, 0.88, 0.52, double.NaN, 0.77];

        DescriptiveSummary summary = DescriptiveStatistics.Summarize(values);

        Assert.Equal(6, summary.Count);
        Assert.Equal(2, summary.MissingCount);
        ReferenceAssert.Statistic(0.7416666666666667, summary.Mean);
        ReferenceAssert.Statistic(0.02317666666666667, summary.Variance);
        ReferenceAssert.Statistic(0.5819017943366378, summary.MeanInterval.Lower);
        ReferenceAssert.Statistic(0.9014315389966956, summary.MeanInterval.Upper);
    }

    [Fact]
    public void Summarize_UsesRequestedConfidenceLevel()
    {
        // SciPy 1.10.1: scipy.stats.t.interval(0.90, 5, loc=d.mean(), scale=scipy.stats.sem(d)) for d above
        double[] values = [0.71, 0.64, 0.93, 0.88, 0.52, 0.77];

        DescriptiveSummary summary = DescriptiveStatistics.Summarize(values, 0.90);

        ReferenceAssert.Statistic(0.6164288930961963, summary.MeanInterval.Lower);
        ReferenceAssert.Statistic(0.866904440237137, summary.MeanInterval.Upper);
    }

    [Fact]
    public void Summarize_TwoValuesUseOneDegreeOfFreedom()
    {
        // SciPy 1.10.1: scipy.stats.t.interval(0.95, 1, loc=2.5, scale=scipy.stats.sem([1.0, 4.0]))
        DescriptiveSummary summary = DescriptiveStatistics.Summarize([1.0, 4.0]);

        ReferenceAssert.Statistic(4.5, summary.Variance);
        ReferenceAssert.Statistic(-16.55930710464814, summary.MeanInterval.Lower);
        ReferenceAssert.Statistic(21.55930710464814, summary.MeanInterval.Upper);
    }

    [Fact]
    public void Summarize_SingleValueHasNoVariance()
    {
        DescriptiveSummary summary = DescriptiveStatistics.Summarize([0.8]);

        Assert.Equal(1, summary.Count);
        Assert.Equal(0.8, summary.Mean);
        Assert.True(double.IsNaN(summary.Variance));
        Assert.True(double.IsNaN(summary.MeanInterval.Lower));
        Assert.True(double.IsNaN(summary.MeanInterval.Upper));
    }

    [Fact]
    public void Summarize_AllEqualValuesGivePointInterval()
    {
        DescriptiveSummary summary = DescriptiveStatistics.Summarize([0.5, 0.5, 0.5]);

        Assert.Equal(0.0, summary.Variance);
        Assert.Equal(0.5, summary.MeanInterval.Lower);
        Assert.Equal(0.5, summary.MeanInterval.Upper);
    }

    [Fact]
    public void Summarize_EmptySampleIsNaN()
    {
        DescriptiveSummary summary = DescriptiveStatistics.Summarize([double.NaN]);

        Assert.Equal(0, summary.Count);
        Assert.Equal(1, summary.MissingCount);
        Assert.True(double.IsNaN(summary.Mean));
    }
}
