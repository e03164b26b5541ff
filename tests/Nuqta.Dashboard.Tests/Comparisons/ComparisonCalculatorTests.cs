using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Comparisons;

public sealed class ComparisonCalculatorTests
{
    private static readonly ComparisonOptions FastOptions = new() { Seed = 7, Resamples = 500 };

    [Fact]
    public void Pairing_CountsExamplesWithBothValues()
    {
        double[] candidate = [0.9, double.NaN, 0.7, 0.6, 0.8];
        double[] baseline = [0.8, 0.5, double.NaN, 0.6, 0.7];
        var samples = new MetricSamples(ComparisonFixtures.Faithfulness(minExamples: 1), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [], FastOptions);

        var summary = Assert.Single(result.Metrics);
        Assert.Equal("paired", summary.Design);
        Assert.Equal(3, summary.PairCount);
        var overall = result.Cells.Single(c => c.Statistic == "mean");
        Assert.Equal(3, overall.CandidateCount);
        Assert.Equal(3, overall.BaselineCount);
        Assert.Equal(0.2 / 3, overall.Difference!.Value, 1e-12);
    }

    [Fact]
    public void Pairing_DisjointExamplesAreIndependent()
    {
        double[] candidate = [0.9, 0.8, 0.7, double.NaN, double.NaN, double.NaN];
        double[] baseline = [double.NaN, double.NaN, double.NaN, 0.6, 0.5, 0.4];
        var samples = new MetricSamples(ComparisonFixtures.Faithfulness(minExamples: 1), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [], FastOptions);

        Assert.Equal("independent", result.Metrics[0].Design);
        Assert.Equal(0, result.Metrics[0].PairCount);
        var overall = result.Cells.Single(c => c.Statistic == "mean");
        Assert.Equal("independent", overall.Design);
        Assert.Equal(3, overall.CandidateCount);
        Assert.Equal(3, overall.BaselineCount);
        Assert.Equal(0.3, overall.Difference!.Value, 1e-12);
    }

    [Fact]
    public void TrialAveraging_IgnoresNaNAndReportsSpread()
    {
        double[] first = [0.8, 0.4, double.NaN];
        double[] second = [0.6, double.NaN, double.NaN];
        double[] third = [0.7, 0.6, double.NaN];

        var averaged = TrialAveraging.Average([first, second, third]);

        Assert.Equal(0.7, averaged.Values[0], 1e-12);
        Assert.Equal(0.5, averaged.Values[1], 1e-12);
        Assert.True(double.IsNaN(averaged.Values[2]));

        // Example 0 has SD 0.1 across three trials, example 1 has SD √0.02 across two.
        Assert.Equal((0.1 + Math.Sqrt(0.02)) / 2, averaged.Spread, 1e-12);
    }

    [Fact]
    public void TrialAveraging_OneTrialHasNoSpread()
    {
        var averaged = TrialAveraging.Average([[0.5, 0.6]]);

        Assert.Equal([0.5, 0.6], averaged.Values);
        Assert.True(double.IsNaN(averaged.Spread));
    }

    [Fact]
    public void BenjaminiHochberg_SpansEveryCell()
    {
        var generator = new Xoshiro256StarStar(11);
        double[] baseline = SimulatedSamplesFor(generator, 120, 0.7);
        double[] candidate = baseline.Select((b, i) => b + (i < 40 ? -0.08 : 0.0) + (0.05 * ((i % 5) - 2) / 2)).ToArray();
        int[] codes = ComparisonFixtures.Blocks(40, 40, 40);
        var dimension = new DimensionCodes("intent", ["billing", "travel", "other"], codes);
        var samples = new MetricSamples(ComparisonFixtures.Faithfulness(), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [dimension], FastOptions);

        // Overall and three segments, each with a mean and a bad-rate cell.
        Assert.Equal(8, result.Cells.Count);
        double[] pValues = result.Cells.Select(c => c.PValue ?? double.NaN).ToArray();
        double[] expected = MultipleTesting.BenjaminiHochberg(pValues);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.Cells[i].QValue ?? double.NaN, 1e-15);
        }

        var billing = result.Cells.Single(c => c.Segment == "billing" && c.Statistic == "mean");
        Assert.True(billing.QValue >= billing.PValue);
    }

    [Fact]
    public void Segment_OneExampleIsInsufficientData()
    {
        double[] candidate = [0.9, 0.8, 0.7, 0.6];
        double[] baseline = [0.8, 0.8, 0.6, 0.6];
        var dimension = new DimensionCodes("lang", ["ar", "en"], [0, 1, 1, 1]);
        var samples = new MetricSamples(ComparisonFixtures.Faithfulness(minExamples: 1), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [dimension], FastOptions);

        var arabic = result.Cells.Single(c => c.Segment == "ar" && c.Statistic == "mean");
        Assert.Equal(Verdict.InsufficientData, arabic.Verdict);
        Assert.Equal(1, arabic.CandidateCount);
        Assert.Null(arabic.PValue);
        Assert.Null(arabic.Lower);
        Assert.Equal(0.1, arabic.Difference!.Value, 1e-12);
    }

    [Fact]
    public void Metric_AllMissingOnOneSide()
    {
        double[] candidate = [0.9, 0.8, 0.7, 0.6];
        double[] baseline = [double.NaN, double.NaN, double.NaN, double.NaN];
        var dimension = new DimensionCodes("lang", ["ar", "en"], [0, 0, 1, 1]);
        var samples = new MetricSamples(ComparisonFixtures.Faithfulness(minExamples: 1), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [dimension], FastOptions);

        Assert.Equal(6, result.Cells.Count);
        Assert.All(result.Cells, c => Assert.Equal(Verdict.InsufficientData, c.Verdict));
        Assert.All(result.Cells, c => Assert.Equal(0, c.BaselineCount));
        Assert.All(result.Cells, c => Assert.Null(c.QValue));
    }

    [Fact]
    public void GoodRate_HigherIsBetterForToxicity()
    {
        // The candidate is toxic (above 0.5) on 30 of 200 examples where the baseline never is.
        double[] baseline = Enumerable.Repeat(0.1, 200).ToArray();
        double[] candidate = baseline.Select((b, i) => i < 30 ? 0.9 : b).ToArray();
        var samples = new MetricSamples(ComparisonFixtures.Toxicity(), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [], FastOptions);

        var cell = Assert.Single(result.Cells);
        Assert.Equal("good-rate", cell.Statistic);
        Assert.Equal(0.85, cell.Candidate!.Value, 1e-12);
        Assert.Equal(1.0, cell.Baseline!.Value, 1e-12);
        Assert.Equal("NewcombePaired", cell.Method);
        Assert.Equal(Verdict.Regression, cell.Verdict);
    }

    [Fact]
    public void Latency_RelativeToleranceOfBaselineP95()
    {
        var generator = new Xoshiro256StarStar(3);
        double[] baseline = Enumerable.Range(0, 400).Select(_ => 800 + (400 * generator.NextDouble())).ToArray();
        double[] candidate = baseline.Select(b => b * 1.5).ToArray();
        var samples = new MetricSamples(ComparisonFixtures.Latency(), candidate, baseline);

        var result = ComparisonCalculator.Compare([samples], [], FastOptions);

        var p95 = result.Cells.Single(c => c.Statistic == "p95");
        Assert.Equal(0.05 * p95.Baseline!.Value, p95.Tolerance!.Value, 1e-9);
        Assert.NotNull(p95.KsStatistic);
        Assert.Equal(Verdict.Regression, p95.Verdict);
        var badRate = result.Cells.Single(c => c.Statistic == "bad-rate");
        Assert.Equal(0.02, badRate.Tolerance!.Value, 1e-12);
    }

    private static double[] SimulatedSamplesFor(Xoshiro256StarStar generator, int count, double center) =>
        Enumerable.Range(0, count).Select(_ => center + (0.2 * (generator.NextDouble() - 0.5))).ToArray();
}
