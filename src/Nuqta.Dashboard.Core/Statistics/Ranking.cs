namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Average ranks with tie bookkeeping, shared by the Wilcoxon and Mann-Whitney tests.
/// </summary>
internal static class Ranking
{
    /// <summary>
    /// Assigns 1-based ranks to <paramref name="values"/> in their original order, giving tied values the
    /// average of the ranks they span (scipy.stats.rankdata's 'average' method).
    /// </summary>
    /// <param name="values">Values to rank, none of them NaN.</param>
    /// <param name="tieSizes">Size of every group of two or more equal values.</param>
    public static double[] AverageRanks(ReadOnlySpan<double> values, out List<(double Value, int Size)> tieSizes)
    {
        int count = values.Length;
        double[] keys = values.ToArray();
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        RadixSort.Sort(keys, order);

        var ranks = new double[count];
        tieSizes = new List<(double Value, int Size)>();
        int start = 0;
        while (start < count)
        {
            int end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            // Positions start..end-1 hold ranks start+1..end, whose average is (start + 1 + end) / 2.
            double averageRank = (start + 1 + end) / 2.0;
            for (int position = start; position < end; position++)
            {
                ranks[order[position]] = averageRank;
            }

            if (end - start > 1)
            {
                tieSizes.Add((keys[start], end - start));
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>Returns Σ (t³ − t) over the tie groups, the usual tie term of rank-test variances.</summary>
    public static double TieTerm(IEnumerable<(double Value, int Size)> tieSizes)
    {
        double sum = 0.0;
        foreach ((_, int size) in tieSizes)
        {
            double t = size;
            sum += (t * t * t) - t;
        }

        return sum;
    }
}
