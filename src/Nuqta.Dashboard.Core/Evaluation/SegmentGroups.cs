using System.Buffers;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Values of one or more example-ordered arrays regrouped by segment code: one group per segment
/// value, each in example order, all in one array rented from the shared pool until disposed.
/// Missing values (NaN) stay in their group, so each group still counts them.
/// </summary>
internal sealed class SegmentGroups : IDisposable
{
    private double[]? _values;
    private readonly int[] _starts;

    private SegmentGroups(double[] values, int[] starts)
    {
        _values = values;
        _starts = starts;
    }

    /// <summary>Number of segment values, including empty ones.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>The values of one segment code; valid until the instance is disposed.</summary>
    public ReadOnlySpan<double> this[int code] =>
        (_values ?? throw new ObjectDisposedException(nameof(SegmentGroups))).AsSpan(_starts[code], _starts[code + 1] - _starts[code]);

    /// <summary>
    /// Groups the arrays' values by <paramref name="codes"/>, the segment code of each example.
    /// Entries past the end of <paramref name="codes"/>, and codes outside 0 to
    /// <paramref name="segmentCount"/> - 1, belong to no segment and are left out.
    /// </summary>
    public static SegmentGroups Split(IReadOnlyList<ReadOnlyMemory<double>> arrays, int[] codes, int segmentCount)
    {
        var starts = new int[segmentCount + 1];
        foreach (var array in arrays)
        {
            var length = Math.Min(array.Length, codes.Length);
            for (var i = 0; i < length; i++)
            {
                if ((uint)codes[i] < (uint)segmentCount)
                {
                    starts[codes[i] + 1]++;
                }
            }
        }

        for (var code = 0; code < segmentCount; code++)
        {
            starts[code + 1] += starts[code];
        }

        var values = ArrayPool<double>.Shared.Rent(Math.Max(starts[segmentCount], 1));
        var next = starts[..segmentCount];
        foreach (var memory in arrays)
        {
            var array = memory.Span;
            var length = Math.Min(array.Length, codes.Length);
            for (var i = 0; i < length; i++)
            {
                if ((uint)codes[i] < (uint)segmentCount)
                {
                    values[next[codes[i]]++] = array[i];
                }
            }
        }

        return new SegmentGroups(values, starts);
    }

    public void Dispose()
    {
        if (_values is { } values)
        {
            _values = null;
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
