using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class MultipleTestingTests
{
    [Fact]
    public void BenjaminiHochberg_MatchesDefinition()
    {
        // Input p = [0.01, 0.04, 0.03, 0.20, NaN, 0.04, 0.50]. NaN is skipped, so m = 6.
        // Sorted with ranks: 0.01 (1), 0.03 (2), 0.04 (3), 0.04 (4), 0.20 (5), 0.50 (6).
        // m·p/rank: 0.06, 0.09, 0.08, 0.06, 0.24, 0.50.
        // Running minimum from the largest rank down: 0.50, 0.24, 0.06, 0.06, 0.06, 0.06.
        // Back in input order: [0.06, 0.06, 0.06, 0.24, NaN, 0.06, 0.50].
        // statsmodels 0.13.5 multipletests(p without NaN, method='fdr_bh') gives the same values.
        double[] pValues = [0.01, 0.04, 0.03, 0.20, double.NaN, 0.04, 0.50];
        double[] expected = [0.06, 0.06, 0.06, 0.24, double.NaN, 0.06, 0.50];

        double[] qValues = MultipleTesting.BenjaminiHochberg(pValues);

        Assert.Equal(expected.Length, qValues.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(qValues[i]), $"q-value {i} should be NaN");
            }
            else
            {
                ReferenceAssert.Statistic(expected[i], qValues[i]);
            }
        }
    }

    [Fact]
    public void BenjaminiHochberg_LargePValuesStayAtMostOne()
    {
        // p = [0.8, 0.9, 0.85], m = 3: m·p/rank = 2.4, 1.275, 0.9 in sorted order, so the running minimum is
        // 0.9 for every rank (statsmodels 0.13.5 multipletests(p, method='fdr_bh') -> [0.9, 0.9, 0.9]).
        double[] qValues = MultipleTesting.BenjaminiHochberg([0.8, 0.9, 0.85]);

        foreach (double q in qValues)
        {
            ReferenceAssert.Statistic(0.9, q);
        }
    }

    [Fact]
    public void BenjaminiHochberg_QValuesAreMonotoneInP()
    {
        double[] pValues = [0.003, 0.2, 0.041, 0.0001, 0.6, 0.04, 0.9, 0.012];

        double[] qValues = MultipleTesting.BenjaminiHochberg(pValues);

        int[] order = Enumerable.Range(0, pValues.Length).OrderBy(i => pValues[i]).ToArray();
        for (int k = 1; k < order.Length; k++)
        {
            Assert.True(qValues[order[k - 1]] <= qValues[order[k]], $"q-values must not decrease with p at sorted rank {k}");
        }
    }

    [Fact]
    public void BenjaminiHochberg_SinglePValueIsUnchanged()
    {
        Assert.Equal(0.03, MultipleTesting.BenjaminiHochberg([0.03])[0]);
    }

    [Fact]
    public void BenjaminiHochberg_AllNaN()
    {
        double[] qValues = MultipleTesting.BenjaminiHochberg([double.NaN, double.NaN]);

        Assert.All(qValues, q => Assert.True(double.IsNaN(q)));
    }

    [Fact]
    public void BenjaminiHochberg_RejectsPValueAboveOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.BenjaminiHochberg([0.2, 1.5]));
    }
}
