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
    private const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>Sorts the values in ascending order. They must not contain NaN.</summary>
    public static void Sort(Span<double> values)
    {
        if (values.Length < MinLength)
        {
            values.Sort();
            return;
        }

        SortCore(values, []);
    }

    /// <summary>Sorts the keys in ascending order and moves each item with its key. The keys must not contain NaN.</summary>
    public static void Sort(Span<double> keys, Span<int> items)
    {
        if (keys.Length < MinLength)
        {
            keys.Sort(items);
            return;
        }

        SortCore(keys, items);
    }

    // The scratch arrays come from the shared pool: a comparison or an import sorts many arrays of
    // a million values, and new arrays of that size would each be garbage on the large object heap.
    // The keys are computed in place in the values' own memory, so only the scratch is extra.
    private static void SortCore(Span<double> values, Span<int> items)
    {
        int n = values.Length;
        bool hasItems = !items.IsEmpty;
        Span<ulong> keys = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(values);
        // The key scratch is a rented double array seen as integers: callers rent their own
        // double scratch right after the sort, and the pool can then hand back this same array.
        double[] keyScratchArray = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        Span<ulong> keyScratch = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(keyScratchArray.AsSpan());
        int[] itemScratch = hasItems ? System.Buffers.ArrayPool<int>.Shared.Rent(n) : [];
        int[] counts = System.Buffers.ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            // Each double maps to an unsigned integer of the same order: negative numbers have
            // every bit flipped, and non-negative ones have the sign bit set.
            for (int i = 0; i < n; i++)
            {
                ulong bits = keys[i];
                keys[i] = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            }

            bool sortedInScratch = SortKeys(keys, keyScratch[..n], items, itemScratch.AsSpan(0, hasItems ? n : 0), counts);
            if (sortedInScratch)
            {
                keyScratch[..n].CopyTo(keys);
                if (hasItems)
                {
                    itemScratch.AsSpan(0, n).CopyTo(items);
                }
            }

            for (int i = 0; i < n; i++)
            {
                ulong key = keys[i];
                keys[i] = (key & SignBit) != 0 ? key & ~SignBit : ~key;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(keyScratchArray);
            System.Buffers.ArrayPool<int>.Shared.Return(counts);
            if (hasItems)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(itemScratch);
            }
        }
    }

    // Sorts the keys, and the items with them, one digit per pass. Returns true when the sorted
    // keys ended in the scratch spans rather than in the original ones.
    private static bool SortKeys(Span<ulong> keys, Span<ulong> keyScratch, Span<int> items, Span<int> itemScratch, int[] counts)
    {
        int n = keys.Length;
        bool hasItems = !items.IsEmpty;

        // One pass counts the digits of every position. A position where all keys share their
        // digit is skipped, which is common for the high digits of values on one scale.
        Array.Clear(counts, 0, Passes * Buckets);
        foreach (ulong key in keys)
        {
            for (int pass = 0; pass < Passes; pass++)
            {
                counts[(pass * Buckets) + (int)((key >> (pass * DigitBits)) & (Buckets - 1))]++;
            }
        }

        Span<int> offsets = stackalloc int[Buckets];
        bool inScratch = false;
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

            Span<ulong> sourceKeys = inScratch ? keyScratch : keys;
            Span<ulong> targetKeys = inScratch ? keys : keyScratch;
            Span<int> sourceItems = inScratch ? itemScratch : items;
            Span<int> targetItems = inScratch ? items : itemScratch;
            int shift = pass * DigitBits;
            for (int i = 0; i < n; i++)
            {
                ulong key = sourceKeys[i];
                int destination = offsets[(int)((key >> shift) & (Buckets - 1))]++;
                targetKeys[destination] = key;
                if (hasItems)
                {
                    targetItems[destination] = sourceItems[i];
                }
            }

            inScratch = !inScratch;
        }

        return inScratch;
    }
}
