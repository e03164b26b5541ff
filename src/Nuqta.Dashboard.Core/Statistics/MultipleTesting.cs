namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Multiple-testing adjustments of p-values across metrics and segments.
/// </summary>
public static class MultipleTesting
{
    /// <summary>
    /// Computes Benjamini-Hochberg step-up adjusted p-values (q-values) in input order, the same values as
    /// statsmodels 0.13 multipletests(method='fdr_bh').
    /// </summary>
    /// <remarks>
    /// With the m non-NaN p-values sorted as p₍₁₎ ≤ … ≤ p₍ₘ₎, q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎/j), which makes
    /// the q-values monotone in p. A NaN p-value yields a NaN q-value and does not count in m.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] and not NaN.</exception>
    public static double[] BenjaminiHochberg(ReadOnlySpan<double> pValues)
    {
        var qValues = new double[pValues.Length];
        var presentIndices = new List<int>(pValues.Length);
        for (int i = 0; i < pValues.Length; i++)
        {
            double p = pValues[i];
            if (double.IsNaN(p))
            {
                qValues[i] = double.NaN;
                continue;
            }

            if (p < 0.0 || p > 1.0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(pValues),
                    p,
                    $"The p-value at index {i} must lie in [0, 1] or be NaN.");
            }

            presentIndices.Add(i);
        }

        int m = presentIndices.Count;
        int[] order = presentIndices.ToArray();
        double[] sortedP = new double[m];
        for (int k = 0; k < m; k++)
        {
            sortedP[k] = pValues[order[k]];
        }

        Array.Sort(sortedP, order);

        // Walk from the largest p-value down so that each q is the minimum over all larger ranks.
        double runningMinimum = 1.0;
        for (int k = m - 1; k >= 0; k--)
        {
            int rank = k + 1;
            double scaled = sortedP[k] * m / rank;
            runningMinimum = Math.Min(runningMinimum, scaled);
            qValues[order[k]] = runningMinimum;
        }

        return qValues;
    }
}
