using System.Buffers;

namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// The values of a sample that are not NaN, sorted ascending, in an array rented from the shared
/// pool until disposed. Weekly figures and SLO checks sort pools of up to millions of values, and
/// a new array of that size each time would be garbage on the large object heap.
/// </summary>
internal sealed class SortedPresentValues : IDisposable
{
    private double[]? _rented;

    private SortedPresentValues(double[] rented, int count, int missing)
    {
        _rented = rented;
        Count = count;
        Missing = missing;
    }

    /// <summary>Number of values that are not NaN.</summary>
    public int Count { get; }

    /// <summary>Number of NaN values left out.</summary>
    public int Missing { get; }

    /// <summary>The present values in ascending order; valid until the instance is disposed.</summary>
    public ReadOnlySpan<double> Values => (_rented ?? throw new ObjectDisposedException(nameof(SortedPresentValues))).AsSpan(0, Count);

    /// <summary>Copies the values that are not NaN and sorts them.</summary>
    public static SortedPresentValues Of(ReadOnlySpan<double> values)
    {
        var rented = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                rented[count++] = value;
            }
        }

        RadixSort.Sort(rented.AsSpan(0, count));
        return new SortedPresentValues(rented, count, values.Length - count);
    }

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
