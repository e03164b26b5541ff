namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Least-significant-digit radix sort of doubles without NaN, for the large samples of a comparison
/// (KS statistics, rank tests and quantiles sort up to a million values per cell). It costs a few
/// linear passes where a comparison sort costs O(n log n) comparisons, and it gives the same order
/// as <c>Array.Sort</c> except that -0.0 comes before +0.0 instead of in any order.
/// </summary>
internal static class RadixSort
{
    /// <summary>Shortest array sorted by radix; shorter ones use <c>Array.Sort</c>.</summary>
    /// <remarks>NOTE: an estimate of where the fixed cost of the passes pays off, not a measured crossover.</remarks>
    public const int MinLength = 4096;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>Sorts the values in ascending order. They must not contain NaN.</summary>
    public static void Sort(double[] values)
    {
        if (values.Length < MinLength)
        {
            Array.Sort(values);
            return;
        }

        var keys = ToKeys(values);
        SortKeys(keys, null);
        FromKeys(keys, values);
    }

    /// <summary>Sorts the keys in ascending order and moves each item with its key. The keys must not contain NaN.</summary>
    public static void Sort(double[] keys, int[] items)
    {
        if (keys.Length < MinLength)
        {
            Array.Sort(keys, items);
            return;
        }

        var sortable = ToKeys(keys);
        SortKeys(sortable, items);
        FromKeys(sortable, keys);
    }

    // Maps each double to an unsigned integer of the same order: negative numbers have every bit
    // flipped, and non-negative ones have the sign bit set.
    private static ulong[] ToKeys(double[] values)
    {
        var keys = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
            keys[i] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        }

        return keys;
    }

    private static void FromKeys(ulong[] keys, double[] values)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            ulong key = keys[i];
            ulong bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
            values[i] = BitConverter.Int64BitsToDouble((long)bits);
        }
    }

    private static void SortKeys(ulong[] keys, int[]? items)
    {
        int n = keys.Length;

        // One pass counts the digits of every position; a position where all keys share their
        // digit is skipped, as the high digits of values on one scale usually are.
        var counts = new int[Passes * Buckets];
        foreach (ulong key in keys)
        {
            for (int pass = 0; pass < Passes; pass++)
            {
                counts[(pass * Buckets) + (int)((key >> (pass * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var source = keys;
        var target = new ulong[n];
        int[]? sourceItems = items;
        int[]? targetItems = items is null ? null : new int[n];
        var offsets = new int[Buckets];
        for (int pass = 0; pass < Passes; pass++)
        {
            var passCounts = counts.AsSpan(pass * Buckets, Buckets);
            if (passCounts.Contains(n))
            {
                continue;
            }

            int total = 0;
            for (int bucket = 0; bucket < Buckets; bucket++)
            {
                offsets[bucket] = total;
                total += passCounts[bucket];
            }

            int shift = pass * DigitBits;
            for (int i = 0; i < n; i++)
            {
                ulong key = source[i];
                int destination = offsets[(int)((key >> shift) & (Buckets - 1))]++;
                target[destination] = key;
                if (sourceItems is not null)
                {
                    targetItems![destination] = sourceItems[i];
                }
            }

            (source, target) = (target, source);
            (sourceItems, targetItems) = (targetItems, sourceItems);
        }

        if (!ReferenceEquals(source, keys))
        {
            source.AsSpan().CopyTo(keys);
            sourceItems?.AsSpan().CopyTo(items);
        }
    }
}
