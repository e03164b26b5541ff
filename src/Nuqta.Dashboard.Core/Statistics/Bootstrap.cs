namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Settings of a seeded bootstrap.
/// </summary>
public sealed record BootstrapOptions
{
    /// <summary>Default number of resamples.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Default generator seed. Any fixed value gives reproducible intervals.</summary>
    public const ulong DefaultSeed = 20_240_601UL;

    /// <summary>Number of bootstrap resamples, at least 1 and 2,000 by default.</summary>
    public int Resamples { get; init; } = DefaultResamples;

    /// <summary>Seed of the <see cref="Xoshiro256StarStar"/> generator. Equal seeds give equal results.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Confidence level of the percentile interval, in (0, 1) and 0.95 by default.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// Seeded nonparametric bootstrap of the difference candidate − baseline in a mean or a quantile.
/// </summary>
/// <remarks>
/// <para>
/// Paired designs resample example indices and take both versions' values of each drawn example. Independent
/// designs resample each side separately at its own size. The interval is the percentile interval, which
/// takes the α/2 and 1 − α/2 quantiles (type 7) of the resampled differences.
/// </para>
/// <para>
/// The p-value counts the resampled differences on each side of zero, k≤ = #{θ* ≤ 0} and k≥ = #{θ* ≥ 0},
/// and returns min(1, 2·(1 + min(k≤, k≥))/(B + 1)). The +1 keeps it above zero, since B resamples cannot
/// show a p-value below 1/(B + 1).
/// </para>
/// <para>
/// Cost: one pass over n values per resample and no allocation inside the resample loop. Quantile resamples
/// count how often each order statistic is drawn instead of sorting, so they also cost O(n). Every
/// resample draws from one <see cref="Xoshiro256StarStar"/> stream in a fixed order, so a seed fixes the
/// result on every platform.
/// </para>
/// </remarks>
public static class Bootstrap
{
    /// <summary>
    /// Estimates mean(candidate − baseline) over paired examples. Pairs with a NaN on either side are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    public static DifferenceEstimate PairedMeanDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        BootstrapOptions? options = null)
    {
        options = Validate(options);
        (double[] candidateValues, double[] baselineValues) = SampleData.CompletePairs(candidate, baseline);
        int n = candidateValues.Length;
        if (n == 0)
        {
            return Empty(0, 0);
        }

        var differences = new double[n];
        for (int i = 0; i < n; i++)
        {
            differences[i] = candidateValues[i] - baselineValues[i];
        }

        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int resample = 0; resample < resampled.Length; resample++)
        {
            double sum = 0.0;
            for (int draw = 0; draw < n; draw++)
            {
                sum += differences[generator.NextInt32(n)];
            }

            resampled[resample] = sum / n;
        }

        return Summarize(SampleData.Mean(differences), resampled, options.ConfidenceLevel, n, n);
    }

    /// <summary>
    /// Estimates mean(candidate) − mean(baseline) for independent samples. NaN values are dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    public static DifferenceEstimate IndependentMeanDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        BootstrapOptions? options = null)
    {
        options = Validate(options);
        double[] candidateValues = SampleData.WithoutNaN(candidate);
        double[] baselineValues = SampleData.WithoutNaN(baseline);
        if (candidateValues.Length == 0 || baselineValues.Length == 0)
        {
            return Empty(candidateValues.Length, baselineValues.Length);
        }

        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int resample = 0; resample < resampled.Length; resample++)
        {
            double candidateMean = ResampledMean(candidateValues, generator);
            double baselineMean = ResampledMean(baselineValues, generator);
            resampled[resample] = candidateMean - baselineMean;
        }

        double observed = SampleData.Mean(candidateValues) - SampleData.Mean(baselineValues);
        return Summarize(observed, resampled, options.ConfidenceLevel, candidateValues.Length, baselineValues.Length);
    }

    /// <summary>
    /// Estimates Q_p(candidate) − Q_p(baseline) over paired examples, with type 7 quantiles. Pairs with a NaN
    /// on either side are dropped.
    /// </summary>
    /// <param name="candidate">Candidate values, one per example.</param>
    /// <param name="baseline">Baseline values for the same examples, in the same order.</param>
    /// <param name="probability">Quantile level in [0, 1], for example 0.95.</param>
    /// <param name="options">Resamples, seed and confidence level, or null for the defaults.</param>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The probability or the options are out of range.</exception>
    public static DifferenceEstimate PairedQuantileDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double probability,
        BootstrapOptions? options = null)
    {
        Quantiles.ValidateProbability(probability);
        options = Validate(options);
        (double[] candidateValues, double[] baselineValues) = SampleData.CompletePairs(candidate, baseline);
        int n = candidateValues.Length;
        if (n == 0)
        {
            return Empty(0, 0);
        }

        (double[] candidateSorted, int[] candidateOrderIndex) = SortWithOrderIndex(candidateValues);
        (double[] baselineSorted, int[] baselineOrderIndex) = SortWithOrderIndex(baselineValues);
        var candidateCounts = new int[n];
        var baselineCounts = new int[n];

        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int resample = 0; resample < resampled.Length; resample++)
        {
            Array.Clear(candidateCounts);
            Array.Clear(baselineCounts);
            for (int draw = 0; draw < n; draw++)
            {
                int example = generator.NextInt32(n);
                candidateCounts[candidateOrderIndex[example]]++;
                baselineCounts[baselineOrderIndex[example]]++;
            }

            resampled[resample] = QuantileFromCounts(candidateSorted, candidateCounts, probability)
                - QuantileFromCounts(baselineSorted, baselineCounts, probability);
        }

        double observed = Quantiles.QuantileOfSorted(candidateSorted, probability)
            - Quantiles.QuantileOfSorted(baselineSorted, probability);
        return Summarize(observed, resampled, options.ConfidenceLevel, n, n);
    }

    /// <summary>
    /// Estimates Q_p(candidate) − Q_p(baseline) for independent samples, with type 7 quantiles. NaN values
    /// are dropped.
    /// </summary>
    /// <param name="candidate">Candidate values.</param>
    /// <param name="baseline">Baseline values.</param>
    /// <param name="probability">Quantile level in [0, 1], for example 0.95.</param>
    /// <param name="options">Resamples, seed and confidence level, or null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">The probability or the options are out of range.</exception>
    public static DifferenceEstimate IndependentQuantileDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double probability,
        BootstrapOptions? options = null)
    {
        Quantiles.ValidateProbability(probability);
        options = Validate(options);
        double[] candidateSorted = SampleData.SortedWithoutNaN(candidate);
        double[] baselineSorted = SampleData.SortedWithoutNaN(baseline);
        if (candidateSorted.Length == 0 || baselineSorted.Length == 0)
        {
            return Empty(candidateSorted.Length, baselineSorted.Length);
        }

        var candidateCounts = new int[candidateSorted.Length];
        var baselineCounts = new int[baselineSorted.Length];
        var generator = new Xoshiro256StarStar(options.Seed);
        var resampled = new double[options.Resamples];
        for (int resample = 0; resample < resampled.Length; resample++)
        {
            // Drawing positions of the sorted sample is the same as drawing examples, and the counts
            // then describe the resample in sorted order.
            DrawCounts(candidateCounts, generator);
            DrawCounts(baselineCounts, generator);
            resampled[resample] = QuantileFromCounts(candidateSorted, candidateCounts, probability)
                - QuantileFromCounts(baselineSorted, baselineCounts, probability);
        }

        double observed = Quantiles.QuantileOfSorted(candidateSorted, probability)
            - Quantiles.QuantileOfSorted(baselineSorted, probability);
        return Summarize(observed, resampled, options.ConfidenceLevel, candidateSorted.Length, baselineSorted.Length);
    }

    /// <summary>
    /// Returns the type 7 quantile of the resample in which sorted[j] appears counts[j] times. The counts
    /// must add up to sorted.Length.
    /// </summary>
    internal static double QuantileFromCounts(double[] sorted, int[] counts, double probability)
    {
        int n = sorted.Length;
        double position = (n - 1) * probability;
        int lowerRank = (int)Math.Floor(position);

        // Find the slot holding the order statistic of zero-based rank lowerRank.
        int slot = 0;
        int before = 0;
        while (before + counts[slot] <= lowerRank)
        {
            before += counts[slot];
            slot++;
        }

        double lowerValue = sorted[slot];
        double fraction = position - lowerRank;
        if (lowerRank >= n - 1 || fraction == 0.0)
        {
            return lowerValue;
        }

        // The next order statistic is in the same slot unless lowerRank was that slot's last copy.
        if (lowerRank + 1 >= before + counts[slot])
        {
            slot++;
            while (counts[slot] == 0)
            {
                slot++;
            }
        }

        return Quantiles.Interpolate(lowerValue, sorted[slot], fraction);
    }

    private static double ResampledMean(double[] values, Xoshiro256StarStar generator)
    {
        int n = values.Length;
        double sum = 0.0;
        for (int draw = 0; draw < n; draw++)
        {
            sum += values[generator.NextInt32(n)];
        }

        return sum / n;
    }

    private static void DrawCounts(int[] counts, Xoshiro256StarStar generator)
    {
        Array.Clear(counts);
        int n = counts.Length;
        for (int draw = 0; draw < n; draw++)
        {
            counts[generator.NextInt32(n)]++;
        }
    }

    /// <summary>
    /// Sorts the values and returns, for each original index, its position in the sorted array.
    /// </summary>
    private static (double[] Sorted, int[] OrderIndex) SortWithOrderIndex(double[] values)
    {
        int n = values.Length;
        double[] sorted = (double[])values.Clone();
        int[] originalIndex = new int[n];
        for (int i = 0; i < n; i++)
        {
            originalIndex[i] = i;
        }

        Array.Sort(sorted, originalIndex);
        var orderIndex = new int[n];
        for (int position = 0; position < n; position++)
        {
            orderIndex[originalIndex[position]] = position;
        }

        return (sorted, orderIndex);
    }

    private static DifferenceEstimate Summarize(
        double observed,
        double[] resampled,
        double confidenceLevel,
        int candidateCount,
        int baselineCount)
    {
        int atOrBelowZero = 0;
        int atOrAboveZero = 0;
        foreach (double difference in resampled)
        {
            if (difference <= 0.0)
            {
                atOrBelowZero++;
            }

            if (difference >= 0.0)
            {
                atOrAboveZero++;
            }
        }

        double pValue = Math.Min(
            1.0,
            2.0 * (1.0 + Math.Min(atOrBelowZero, atOrAboveZero)) / (resampled.Length + 1.0));

        Array.Sort(resampled);
        double alpha = 1.0 - confidenceLevel;
        var interval = new ConfidenceInterval(
            Quantiles.QuantileOfSorted(resampled, alpha / 2.0),
            Quantiles.QuantileOfSorted(resampled, 1.0 - (alpha / 2.0)));
        return new DifferenceEstimate(
            observed, interval, pValue, IntervalMethod.PercentileBootstrap, candidateCount, baselineCount);
    }

    private static DifferenceEstimate Empty(int candidateCount, int baselineCount) => new(
        double.NaN,
        new ConfidenceInterval(double.NaN, double.NaN),
        double.NaN,
        IntervalMethod.PercentileBootstrap,
        candidateCount,
        baselineCount);

    private static BootstrapOptions Validate(BootstrapOptions? options)
    {
        options ??= new BootstrapOptions();
        if (options.Resamples < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.Resamples,
                "The number of bootstrap resamples must be at least 1; 2,000 is the default.");
        }

        SampleData.ValidateConfidenceLevel(options.ConfidenceLevel, nameof(options));
        return options;
    }
}
