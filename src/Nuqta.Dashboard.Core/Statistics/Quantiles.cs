namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics: definition 7 of Hyndman and Fan (1996),
/// the default of R's quantile() and NumPy's percentile(method='linear').
/// </summary>
public static class Quantiles
{
    /// <summary>
    /// Computes the <paramref name="probability"/>-quantile of unsorted values, ignoring NaN.
    /// Returns NaN when no value remains.
    /// </summary>
    /// <param name="values">Sample in any order. NaN entries are skipped.</param>
    /// <param name="probability">Quantile level in [0, 1], for example 0.95 for the 95th percentile.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    public static double Quantile(ReadOnlySpan<double> values, double probability)
    {
        ValidateProbability(probability);
        double[] sorted = SampleData.SortedWithoutNaN(values);
        return QuantileOfSorted(sorted, probability);
    }

    /// <summary>
    /// Computes several quantiles of unsorted values with one sort, ignoring NaN.
    /// Each entry is NaN when no value remains.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1].</exception>
    public static double[] Quantile(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities)
    {
        foreach (double probability in probabilities)
        {
            ValidateProbability(probability);
        }

        double[] sorted = SampleData.SortedWithoutNaN(values);
        var result = new double[probabilities.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            result[i] = QuantileOfSorted(sorted, probabilities[i]);
        }

        return result;
    }

    /// <summary>
    /// Computes the <paramref name="probability"/>-quantile of values already sorted in ascending order.
    /// Returns NaN for an empty span.
    /// </summary>
    /// <remarks>
    /// The order and the absence of NaN are not checked, because the check would cost O(n) on a path that
    /// is otherwise O(1). Unsorted input gives a meaningless result. With h = (n − 1)·p, the result is
    /// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]), using zero-based indices.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    public static double QuantileOfSorted(ReadOnlySpan<double> sortedValues, double probability)
    {
        ValidateProbability(probability);
        int count = sortedValues.Length;
        if (count == 0)
        {
            return double.NaN;
        }

        double position = (count - 1) * probability;
        int lowerIndex = (int)Math.Floor(position);
        if (lowerIndex >= count - 1)
        {
            return sortedValues[count - 1];
        }

        double fraction = position - lowerIndex;
        return Interpolate(sortedValues[lowerIndex], sortedValues[lowerIndex + 1], fraction);
    }

    /// <summary>
    /// Interpolates linearly from the nearer end point, as NumPy 1.24 does, so that a fraction near 1 returns
    /// the upper value without rounding past it.
    /// </summary>
    internal static double Interpolate(double lower, double upper, double fraction)
    {
        double difference = upper - lower;
        return fraction < 0.5
            ? lower + (difference * fraction)
            : upper - (difference * (1.0 - fraction));
    }

    internal static void ValidateProbability(double probability)
    {
        if (!(probability >= 0.0 && probability <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(probability),
                probability,
                "The quantile probability must lie in [0, 1], for example 0.95 for the 95th percentile.");
        }
    }
}
