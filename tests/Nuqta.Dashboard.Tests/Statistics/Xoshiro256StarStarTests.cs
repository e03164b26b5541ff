using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void SplitMix64_MatchesPublishedOutputsForSeedZero()
    {
        // Published first outputs of SplitMix64 from state 0, also the seeding example of the xoshiro authors.
        ulong state = 0;
        ulong[] expected = [0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL];

        foreach (ulong output in expected)
        {
            Assert.Equal(output, Xoshiro256StarStar.NextSplitMix64(ref state));
        }
    }

    [Fact]
    public void Xoshiro_MatchesPublishedOutputsForState1234()
    {
        // Reference-implementation outputs from state {1, 2, 3, 4}, as listed in the tests of the Rust crate rand_xoshiro.
        ulong[] expected =
        [
            11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL,
            607988272756665600UL, 16172922978634559625UL, 8476171486693032832UL,
            10595114339597558777UL, 2904607092377533576UL,
        ];
        Xoshiro256StarStar generator = Xoshiro256StarStar.FromState(1, 2, 3, 4);

        foreach (ulong output in expected)
        {
            Assert.Equal(output, generator.NextUInt64());
        }
    }

    [Fact]
    public void Xoshiro_SameSeedGivesSameStream()
    {
        var first = new Xoshiro256StarStar(42);
        var second = new Xoshiro256StarStar(42);

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(first.NextUInt64(), second.NextUInt64());
        }
    }

    [Fact]
    public void Xoshiro_DifferentSeedsGiveDifferentStreams()
    {
        var first = new Xoshiro256StarStar(42);
        var second = new Xoshiro256StarStar(43);

        Assert.NotEqual(first.NextUInt64(), second.NextUInt64());
    }

    [Fact]
    public void NextDouble_StaysInUnitInterval()
    {
        var generator = new Xoshiro256StarStar(7);

        for (int i = 0; i < 100_000; i++)
        {
            double value = generator.NextDouble();
            Assert.InRange(value, 0.0, Math.BitDecrement(1.0));
        }
    }

    [Fact]
    public void NextInt32_IsUniformOverSmallRange()
    {
        // 700,000 draws over 7 values: each count has expectation 100,000 and standard deviation about 293,
        // so ±1,500 is more than 5 standard deviations.
        var generator = new Xoshiro256StarStar(11);
        var counts = new int[7];

        for (int i = 0; i < 700_000; i++)
        {
            counts[generator.NextInt32(7)]++;
        }

        foreach (int count in counts)
        {
            Assert.InRange(count, 98_500, 101_500);
        }
    }

    [Fact]
    public void NextInt32_RejectsNonPositiveBound()
    {
        var generator = new Xoshiro256StarStar(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextInt32(0));
    }

    [Fact]
    public void FromState_RejectsAllZeroState()
    {
        Assert.Throws<ArgumentException>(() => Xoshiro256StarStar.FromState(0, 0, 0, 0));
    }

    [Fact]
    public void NextStandardNormal_HasUnitMomentsInLargeSample()
    {
        // 200,000 draws: the standard error of the mean is 0.0022 and that of the variance about 0.0032.
        var generator = new Xoshiro256StarStar(5);
        double[] values = SimulatedSamples.Normal(generator, 200_000, 0.0, 1.0);

        DescriptiveSummary summary = DescriptiveStatistics.Summarize(values);

        Assert.InRange(summary.Mean, -0.01, 0.01);
        Assert.InRange(summary.Variance, 0.985, 1.015);
    }
}
