using Nuqta.Dashboard.Core.Statistics;
using Xunit.Abstractions;

namespace Nuqta.Dashboard.Tests.Statistics;

public class PowerTests
{
    private readonly ITestOutputHelper _output;

    public PowerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Verdict_DetectsPlantedDropAsRegression()
    {
        // 200 seeded segments of 300 paired examples. Differences candidate − baseline are N(−0.05, 0.13²), the
        // product tolerance is 0.02 and higher is better. The interval is the paired bootstrap of the mean
        // difference (DifferenceIntervals, 2,000 resamples) and q is the Wilcoxon p-value, since one test needs no
        // adjustment. With a standard error of 0.13/√300 = 0.0075 the interval's upper end falls below −0.02 in
        // about 98% of segments, so at least 90% must be classified as Regression.
        const int segments = 200;
        const int examples = 300;
        int regressions = 0;
        for (int segment = 0; segment < segments; segment++)
        {
            var generator = new Xoshiro256StarStar(400_000UL + (ulong)segment);
            double[] baseline = SimulatedSamples.Normal(generator, examples, 0.7, 0.1);
            double[] candidate = new double[examples];
            for (int i = 0; i < examples; i++)
            {
                candidate[i] = baseline[i] - 0.05 + (0.13 * generator.NextStandardNormal());
            }

            DifferenceEstimate estimate = DifferenceIntervals.MeanDifference(
                candidate, baseline, SampleDesign.Paired, new DifferenceIntervalOptions { Seed = (ulong)segment });
            WilcoxonResult wilcoxon = WilcoxonSignedRankTest.TestPaired(candidate, baseline);

            Verdict verdict = VerdictRules.Classify(new VerdictInput
            {
                Difference = estimate.Difference,
                Lower = estimate.Interval.Lower,
                Upper = estimate.Interval.Upper,
                QValue = wilcoxon.PValue,
                Tolerance = 0.02,
                Direction = MetricDirection.HigherIsBetter,
                CandidateCount = estimate.CandidateCount,
                BaselineCount = estimate.BaselineCount,
                MinimumExamples = 30,
            });

            if (verdict == Verdict.Regression)
            {
                regressions++;
            }
        }

        _output.WriteLine($"Regression verdicts: {regressions} of {segments}");
        Assert.InRange(regressions, 180, segments);
    }
}
