namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Count, missing count, mean, sample variance and Student t confidence interval of the mean of one sample.
/// </summary>
/// <param name="Count">Number of values that are not NaN.</param>
/// <param name="MissingCount">Number of NaN values, which are excluded from every other field.</param>
/// <param name="Mean">Arithmetic mean, or NaN when <paramref name="Count"/> is 0.</param>
/// <param name="Variance">Sample variance with divisor n − 1, or NaN when <paramref name="Count"/> is below 2.</param>
/// <param name="MeanInterval">
/// Student t interval mean ± t(1 − α/2, n − 1)·s/√n, or NaN bounds when <paramref name="Count"/> is below 2.
/// </param>
/// <param name="ConfidenceLevel">Confidence level 1 − α of <paramref name="MeanInterval"/>.</param>
public sealed record DescriptiveSummary(
    int Count,
    int MissingCount,
    double Mean,
    double Variance,
    ConfidenceInterval MeanInterval,
    double ConfidenceLevel)
{
    /// <summary>Sample standard deviation, the square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);
}

/// <summary>
/// Descriptive summaries of one sample. The mean interval matches scipy.stats.t.interval with scale = standard error.
/// </summary>
public static class DescriptiveStatistics
{
    /// <summary>
    /// Summarizes a sample: count, NaN count, mean, sample variance and the t interval of the mean.
    /// </summary>
    /// <param name="values">Sample, in which NaN entries count as missing.</param>
    /// <param name="confidenceLevel">Confidence level of the mean interval, 0.95 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static DescriptiveSummary Summarize(ReadOnlySpan<double> values, double confidenceLevel = 0.95)
    {
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        double[] present = SampleData.WithoutNaN(values);
        return SummarizePresent(present, values.Length - present.Length, confidenceLevel);
    }

    /// <summary>
    /// Summarizes values that contain no NaN without copying them, as <see cref="Summarize"/> does
    /// after dropping NaN. <paramref name="missingCount"/> is the number of values dropped.
    /// </summary>
    internal static DescriptiveSummary SummarizePresent(ReadOnlySpan<double> present, int missingCount, double confidenceLevel = 0.95)
    {
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        int count = present.Length;
        double mean = SampleData.Mean(present);
        double variance = SampleData.SampleVariance(present, mean);

        var interval = new ConfidenceInterval(double.NaN, double.NaN);
        if (count >= 2)
        {
            double standardError = Math.Sqrt(variance / count);
            double critical = DistributionFunctions.StudentTQuantile((1.0 + confidenceLevel) / 2.0, count - 1);
            interval = new ConfidenceInterval(mean - (critical * standardError), mean + (critical * standardError));
        }

        return new DescriptiveSummary(count, missingCount, mean, variance, interval, confidenceLevel);
    }
}
