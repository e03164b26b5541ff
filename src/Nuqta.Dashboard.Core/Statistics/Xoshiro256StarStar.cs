using System.Numerics;

namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Blackman and Vigna's xoshiro256** pseudo-random generator with SplitMix64 seeding, so that a seed
/// gives the same stream on every platform and .NET version, which System.Random does not promise.
/// </summary>
/// <remarks>Not thread-safe and not cryptographically secure.</remarks>
public sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>
    /// Creates a generator whose 256-bit state is the next four outputs of SplitMix64 started at
    /// <paramref name="seed"/>, the seeding that the xoshiro authors recommend.
    /// </summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong splitMixState = seed;
        _s0 = NextSplitMix64(ref splitMixState);
        _s1 = NextSplitMix64(ref splitMixState);
        _s2 = NextSplitMix64(ref splitMixState);
        _s3 = NextSplitMix64(ref splitMixState);
    }

    private Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>
    /// Creates a generator from an explicit 256-bit state, for example to check the published output
    /// sequence of state {1, 2, 3, 4}.
    /// </summary>
    /// <exception cref="ArgumentException">All four words are zero, a state the generator never leaves.</exception>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero.", nameof(s0));
        }

        return new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    /// <summary>
    /// Advances a SplitMix64 state and returns its next output. State 0 gives 0xE220A8397B1DCDAF first.
    /// Also useful for deriving independent seeds, for example one per segment.
    /// </summary>
    public static ulong NextSplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5UL, 7) * 9UL;
        ulong shifted = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= shifted;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double in [0, 1) built from the top 53 bits of the next output.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Returns a uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias, by Lemire's
    /// multiply-and-reject method: the high word of a 64×32-bit product, redrawn when the low word is biased.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The upper bound must be positive.");
        }

        ulong range = (ulong)maxExclusive;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            // Products whose low word falls below 2^64 mod range would over-represent some results.
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)high;
    }

    /// <summary>
    /// Returns a standard normal variate by the Box-Muller transform, consuming two outputs per call.
    /// </summary>
    public double NextStandardNormal()
    {
        // 1 − U lies in (0, 1], so the logarithm is finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        return radius * Math.Cos(angle);
    }
}
