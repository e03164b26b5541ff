using System.Buffers;

namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Values in an array rented from the shared pool until disposed. A comparison of million-example
/// runs filters, pairs and sorts dozens of samples of that size, and weekly figures and SLO checks
/// sort pools of that size. A new array for each would be garbage on the large object heap.
/// </summary>
internal sealed class RentedValues : IDisposable
{
    private double[]? _array;

    private RentedValues(double[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The values; valid until the instance is disposed.</summary>
    public Span<double> Span => (_array ?? throw new ObjectDisposedException(nameof(RentedValues))).AsSpan(0, Length);

    /// <summary>Copies the values that are not NaN.</summary>
    public static RentedValues WithoutNaN(ReadOnlySpan<double> values)
    {
        var array = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        return new RentedValues(array, SampleData.CopyPresent(values, array));
    }

    /// <summary>Copies the values that are not NaN and sorts them ascending.</summary>
    public static RentedValues SortedWithoutNaN(ReadOnlySpan<double> values)
    {
        var present = WithoutNaN(values);
        RadixSort.Sort(present.Span);
        return present;
    }

    /// <summary>Copies the pairs in which neither value is NaN, in order, as <see cref="SampleData.CompletePairs"/> does.</summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static (RentedValues Candidate, RentedValues Baseline) CompletePairs(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline)
    {
        SampleData.RequireEqualLength(candidate, baseline);
        var candidateArray = ArrayPool<double>.Shared.Rent(Math.Max(candidate.Length, 1));
        var baselineArray = ArrayPool<double>.Shared.Rent(Math.Max(baseline.Length, 1));
        var count = SampleData.CopyCompletePairs(candidate, baseline, candidateArray, baselineArray);
        return (new RentedValues(candidateArray, count), new RentedValues(baselineArray, count));
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<double>.Shared.Return(array);
        }
    }
}
