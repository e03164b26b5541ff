using Nuqta.Dashboard.Core.Statistics;
using Xunit.Abstractions;

namespace Nuqta.Dashboard.Tests.Statistics;

// A/A simulations: candidate and baseline come from the same distribution, so a calibrated test rejects at
// alpha = 0.05 in about 5% of runs. With 1,000 runs the binomial standard deviation is 0.69 percentage points,
// and the accepted range 3.5% to 6.5% is about ±2.2 standard deviations. Every run is seeded, so the counts
// are fixed for this code.
public class CalibrationTests
{
    private const int Simulations = 1000;

    private const int ExamplesPerSide = 100;

    private readonly ITestOutputHelper _output;

    public CalibrationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Wilcoxon_AATestRejectsAtNominalRate()
    {
        int rejections = 0;
        for (int simulation = 0; simulation < Simulations; simulation++)
        {
            var generator = new Xoshiro256StarStar(100_000UL + (ulong)simulation);
            double[] candidate = SimulatedSamples.Normal(generator, ExamplesPerSide, 0.7, 0.1);
            double[] baseline = SimulatedSamples.Normal(generator, ExamplesPerSide, 0.7, 0.1);

            if (WilcoxonSignedRankTest.TestPaired(candidate, baseline).PValue < 0.05)
            {
                rejections++;
            }
        }

        _output.WriteLine($"Rejections at 0.05: {rejections} of {Simulations}");
        Assert.InRange(rejections, 35, 65);
    }

    [Fact]
    public void MannWhitney_AATestRejectsAtNominalRate()
    {
        int rejections = 0;
        for (int simulation = 0; simulation < Simulations; simulation++)
        {
            var generator = new Xoshiro256StarStar(200_000UL + (ulong)simulation);
            double[] candidate = SimulatedSamples.Normal(generator, ExamplesPerSide, 0.7, 0.1);
            double[] baseline = SimulatedSamples.Normal(generator, ExamplesPerSide, 0.7, 0.1);

            if (MannWhitneyUTest.Test(candidate, baseline).PValue < 0.05)
            {
                rejections++;
            }
        }

        _output.WriteLine($"Rejections at 0.05: {rejections} of {Simulations}");
        Assert.InRange(rejections, 35, 65);
    }

    [Fact]
    public void McNemar_AATestRejectsAtMostNominalRate()
    {
        // Good outcomes with probability 0.7 on both sides, independently per example. The exact test is
        // conservative, so only an upper limit applies.
        int rejections = 0;
        for (int simulation = 0; simulation < Simulations; simulation++)
        {
            var generator = new Xoshiro256StarStar(300_000UL + (ulong)simulation);
            bool[] candidate = SimulatedSamples.Bernoulli(generator, ExamplesPerSide, 0.7);
            bool[] baseline = SimulatedSamples.Bernoulli(generator, ExamplesPerSide, 0.7);

            if (Proportions.McNemarExact(PairedOutcomeTable.FromOutcomes(candidate, baseline)).PValue < 0.05)
            {
                rejections++;
            }
        }

        _output.WriteLine($"Rejections at 0.05: {rejections} of {Simulations}");
        Assert.InRange(rejections, 0, 65);
    }
}
