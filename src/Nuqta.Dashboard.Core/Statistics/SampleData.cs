namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// NaN filtering shared by the tests and intervals, which all treat NaN as a missing value.
/// </summary>
internal static class SampleData
{
    /// <summary>Counts the values that are not NaN.</summary>
    public static int CountPresent(ReadOnlySpan<double> values)
    {
        int count = 0;
        foreach (double value in values)
        {
            if (!double.IsNaN(value))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Copies the values that are not NaN into a new array.</summary>
    public static double[] WithoutNaN(ReadOnlySpan<double> values)
    {
        var result = new double[CountPresent(values)];
        CopyPresent(values, result);
        return result;
    }

    /// <summary>Copies the values that are not NaN into a new array sorted in ascending order.</summary>
    public static double[] SortedWithoutNaN(ReadOnlySpan<double> values)
    {
        double[] result = WithoutNaN(values);
        RadixSort.Sort(result);
        return result;
    }

    /// <summary>
    /// Copies the pairs in which neither value is NaN into two new arrays of equal length.
    /// </summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static (double[] Candidate, double[] Baseline) CompletePairs(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline)
    {
        RequireEqualLength(candidate, baseline);
        int count = 0;
        for (int i = 0; i < candidate.Length; i++)
        {
            if (!double.IsNaN(candidate[i]) && !double.IsNaN(baseline[i]))
            {
                count++;
            }
        }

        var candidateValues = new double[count];
        var baselineValues = new double[count];
        CopyCompletePairs(candidate, baseline, candidateValues, baselineValues);
        return (candidateValues, baselineValues);
    }

    /// <summary>Copies the values that are not NaN to the start of <paramref name="destination"/> and returns how many there are.</summary>
    internal static int CopyPresent(ReadOnlySpan<double> values, Span<double> destination)
    {
        int next = 0;
        foreach (double value in values)
        {
            if (!double.IsNaN(value))
            {
                destination[next++] = value;
            }
        }

        return next;
    }

    /// <summary>
    /// Copies the pairs in which neither value is NaN, in order, to the start of the two
    /// destinations and returns how many there are. The samples must have equal length.
    /// </summary>
    internal static int CopyCompletePairs(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, Span<double> candidateDestination, Span<double> baselineDestination)
    {
        int next = 0;
        for (int i = 0; i < candidate.Length; i++)
        {
            if (!double.IsNaN(candidate[i]) && !double.IsNaN(baseline[i]))
            {
                candidateDestination[next] = candidate[i];
                baselineDestination[next] = baseline[i];
                next++;
            }
        }

        return next;
    }

    /// <summary>Checks that paired samples have equal length.</summary>
    /// <exception cref="ArgumentException">The two samples differ in length.</exception>
    internal static void RequireEqualLength(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline)
    {
        if (candidate.Length != baseline.Length)
        {
            throw new ArgumentException(
                $"Paired samples must have equal length, but the candidate has {candidate.Length} values " +
                $"and the baseline has {baseline.Length}.",
                nameof(baseline));
        }
    }

    /// <summary>Returns the arithmetic mean, or NaN for an empty span.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0.0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>
    /// Returns the sample variance with divisor n − 1, or NaN for fewer than two values.
    /// </summary>
    /// <remarks>Two passes (mean first, then squared deviations) avoid the cancellation of the one-pass formula.</remarks>
    public static double SampleVariance(ReadOnlySpan<double> values, double mean)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        double sumOfSquares = 0.0;
        foreach (double value in values)
        {
            double deviation = value - mean;
            sumOfSquares += deviation * deviation;
        }

        return sumOfSquares / (values.Length - 1);
    }

    /// <summary>Throws unless <paramref name="confidenceLevel"/> lies strictly between 0 and 1.</summary>
    public static void ValidateConfidenceLevel(double confidenceLevel, string parameterName)
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                confidenceLevel,
                "The confidence level must lie strictly between 0 and 1, for example 0.95.");
        }
    }
}
