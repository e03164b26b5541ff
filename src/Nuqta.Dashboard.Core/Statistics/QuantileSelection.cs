namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Type 7 quantiles of unsorted values by selection instead of a full sort: O(n) on average per
/// quantile, where sorting costs O(n log n). The result equals
/// <see cref="Quantiles.QuantileOfSorted"/> on the sorted values.
/// </summary>
internal static class QuantileSelection
{
    // Ranges this short are finished with insertion sort.
    private const int SmallRange = 16;

    /// <summary>
    /// Returns the <paramref name="probability"/>-quantile of <paramref name="values"/>, which must
    /// contain no NaN, or NaN when the span is empty. The values are reordered.
    /// </summary>
    public static double Quantile(Span<double> values, double probability)
    {
        Quantiles.ValidateProbability(probability);
        int count = values.Length;
        if (count == 0)
        {
            return double.NaN;
        }

        double position = (count - 1) * probability;
        int lowerIndex = (int)Math.Floor(position);
        if (lowerIndex >= count - 1)
        {
            return Select(values, count - 1);
        }

        double lower = Select(values, lowerIndex);
        double fraction = position - lowerIndex;
        if (fraction == 0.0)
        {
            return lower;
        }

        // Selection leaves every value after lowerIndex at or above the selected one, so the next
        // order statistic is the smallest of them.
        double upper = double.PositiveInfinity;
        foreach (double value in values[(lowerIndex + 1)..])
        {
            if (value < upper)
            {
                upper = value;
            }
        }

        return Quantiles.Interpolate(lower, upper, fraction);
    }

    /// <summary>
    /// Returns the value of zero-based rank <paramref name="rank"/> and moves it to that position, with
    /// smaller or equal values before it and greater or equal values after it.
    /// </summary>
    /// <remarks>
    /// Quickselect with a median-of-three pivot and a three-way partition, so that metrics with many
    /// equal values (0/1 scores) take few rounds. After 64 rounds the remaining range is sorted,
    /// which bounds the worst case at O(n log n).
    /// </remarks>
    public static double Select(Span<double> values, int rank)
    {
        int left = 0;
        int right = values.Length - 1;
        for (int round = 0; ; round++)
        {
            if (right - left < SmallRange || round == 64)
            {
                values[left..(right + 1)].Sort();
                return values[rank];
            }

            double pivot = MedianOfThree(values[left], values[left + ((right - left) / 2)], values[right]);

            // Partition into [left, less) < pivot, [less, greater] == pivot, (greater, right] > pivot.
            int less = left;
            int index = left;
            int greater = right;
            while (index <= greater)
            {
                double value = values[index];
                if (value < pivot)
                {
                    (values[less], values[index]) = (value, values[less]);
                    less++;
                    index++;
                }
                else if (value > pivot)
                {
                    (values[index], values[greater]) = (values[greater], value);
                    greater--;
                }
                else
                {
                    index++;
                }
            }

            if (rank < less)
            {
                right = less - 1;
            }
            else if (rank > greater)
            {
                left = greater + 1;
            }
            else
            {
                return values[rank];
            }
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b
            ? (b < c ? b : Math.Max(a, c))
            : (a < c ? a : Math.Max(b, c));
}
