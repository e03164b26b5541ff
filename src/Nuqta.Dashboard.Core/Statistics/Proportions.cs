namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Paired 2×2 table of good/bad outcomes of the candidate and the baseline on the same examples.
/// </summary>
/// <param name="BothGood">Examples good under both versions (cell a).</param>
/// <param name="CandidateOnlyGood">Examples good under the candidate only (cell b).</param>
/// <param name="BaselineOnlyGood">Examples good under the baseline only (cell c).</param>
/// <param name="NeitherGood">Examples good under neither version (cell d).</param>
public readonly record struct PairedOutcomeTable(
    int BothGood,
    int CandidateOnlyGood,
    int BaselineOnlyGood,
    int NeitherGood)
{
    /// <summary>Number of paired examples, a + b + c + d.</summary>
    public int Count => BothGood + CandidateOnlyGood + BaselineOnlyGood + NeitherGood;

    /// <summary>Counts the four cells from per-example outcomes, where true means good.</summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static PairedOutcomeTable FromOutcomes(ReadOnlySpan<bool> candidateGood, ReadOnlySpan<bool> baselineGood)
    {
        if (candidateGood.Length != baselineGood.Length)
        {
            throw new ArgumentException(
                $"Paired outcomes must have equal length, but the candidate has {candidateGood.Length} " +
                $"and the baseline has {baselineGood.Length}.",
                nameof(baselineGood));
        }

        int both = 0;
        int candidateCount = 0;
        int baselineCount = 0;
        for (int i = 0; i < candidateGood.Length; i++)
        {
            Tally(candidateGood[i], baselineGood[i], ref both, ref candidateCount, ref baselineCount);
        }

        return FromCounts(candidateGood.Length, both, candidateCount, baselineCount);
    }

    /// <summary>
    /// Counts the four cells from paired values, where <paramref name="isGood"/> tells a good value
    /// from a bad one. The spans must have equal length and hold complete pairs.
    /// </summary>
    internal static PairedOutcomeTable FromValues(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, Func<double, bool> isGood)
    {
        int both = 0;
        int candidateCount = 0;
        int baselineCount = 0;
        for (int i = 0; i < candidate.Length; i++)
        {
            Tally(isGood(candidate[i]), isGood(baseline[i]), ref both, ref candidateCount, ref baselineCount);
        }

        return FromCounts(candidate.Length, both, candidateCount, baselineCount);
    }

    private static void Tally(bool candidateGood, bool baselineGood, ref int both, ref int candidateCount, ref int baselineCount)
    {
        if (candidateGood)
        {
            candidateCount++;
        }

        if (baselineGood)
        {
            baselineCount++;
        }

        if (candidateGood && baselineGood)
        {
            both++;
        }
    }

    // Cells b, c and d follow from the pair count, cell a and the good count of each side.
    private static PairedOutcomeTable FromCounts(int pairs, int both, int candidateGood, int baselineGood) =>
        new(both, candidateGood - both, baselineGood - both, pairs - candidateGood - baselineGood + both);
}

/// <summary>
/// Estimated difference of two proportions (candidate minus baseline) with its confidence interval.
/// </summary>
/// <param name="Difference">Observed difference p̂_candidate − p̂_baseline.</param>
/// <param name="Interval">Confidence interval of the difference.</param>
public sealed record ProportionDifference(double Difference, ConfidenceInterval Interval);

/// <summary>
/// Result of a two-sided hypothesis test.
/// </summary>
/// <param name="Statistic">Test statistic, whose meaning depends on the test that produced it.</param>
/// <param name="PValue">Two-sided p-value.</param>
public sealed record HypothesisTestResult(double Statistic, double PValue);

/// <summary>
/// Good-rate (binomial proportion) intervals and tests for comparing a candidate with a baseline.
/// </summary>
public static class Proportions
{
    /// <summary>
    /// Computes the Wilson score interval for a binomial proportion, as statsmodels 0.13
    /// proportion_confint(method='wilson'). Returns NaN bounds when <paramref name="trials"/> is 0.
    /// </summary>
    /// <param name="successes">Number of good outcomes, 0 ≤ successes ≤ trials.</param>
    /// <param name="trials">Number of outcomes.</param>
    /// <param name="alpha">Two-sided error rate, so that the interval has confidence 1 − alpha.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed trials, or alpha is not in (0, 1).</exception>
    public static ConfidenceInterval WilsonInterval(int successes, int trials, double alpha = 0.05)
    {
        ValidateCounts(successes, trials, nameof(successes));
        ValidateAlpha(alpha);
        if (trials == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN);
        }

        double z = DistributionFunctions.NormalQuantile(1.0 - (alpha / 2.0));
        double zSquared = z * z;
        double n = trials;
        double proportion = successes / n;
        double denominator = 1.0 + (zSquared / n);
        double center = (proportion + (zSquared / (2.0 * n))) / denominator;
        double halfWidth = z / denominator * Math.Sqrt((proportion * (1.0 - proportion) / n) + (zSquared / (4.0 * n * n)));
        return new ConfidenceInterval(Math.Max(0.0, center - halfWidth), Math.Min(1.0, center + halfWidth));
    }

    /// <summary>
    /// Computes Newcombe's hybrid score interval (method 10 of Newcombe 1998, "Interval estimation for the
    /// difference between independent proportions") for p_candidate − p_baseline from independent samples.
    /// Matches statsmodels 0.13 confint_proportions_2indep(method='newcomb', compare='diff').
    /// </summary>
    /// <remarks>
    /// With Wilson limits (l₁, u₁) and (l₂, u₂), the bounds are
    /// d − √((p₁ − l₁)² + (u₂ − p₂)²) and d + √((u₁ − p₁)² + (p₂ − l₂)²).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed trials, or alpha is not in (0, 1).</exception>
    public static ProportionDifference NewcombeDifference(
        int candidateSuccesses,
        int candidateTrials,
        int baselineSuccesses,
        int baselineTrials,
        double alpha = 0.05)
    {
        ValidateCounts(candidateSuccesses, candidateTrials, nameof(candidateSuccesses));
        ValidateCounts(baselineSuccesses, baselineTrials, nameof(baselineSuccesses));
        ValidateAlpha(alpha);
        if (candidateTrials == 0 || baselineTrials == 0)
        {
            return new ProportionDifference(double.NaN, new ConfidenceInterval(double.NaN, double.NaN));
        }

        double p1 = candidateSuccesses / (double)candidateTrials;
        double p2 = baselineSuccesses / (double)baselineTrials;
        ConfidenceInterval wilson1 = WilsonInterval(candidateSuccesses, candidateTrials, alpha);
        ConfidenceInterval wilson2 = WilsonInterval(baselineSuccesses, baselineTrials, alpha);
        double difference = p1 - p2;
        double lowerDistance = Math.Sqrt(Square(p1 - wilson1.Lower) + Square(wilson2.Upper - p2));
        double upperDistance = Math.Sqrt(Square(wilson1.Upper - p1) + Square(p2 - wilson2.Lower));
        return new ProportionDifference(
            difference,
            new ConfidenceInterval(difference - lowerDistance, difference + upperDistance));
    }

    /// <summary>
    /// Computes Newcombe's score interval for the difference of paired proportions, method 10 of Newcombe
    /// (1998), "Improved confidence intervals for the difference between binomial proportions based on
    /// paired data": p_candidate − p_baseline = (b − c)/n.
    /// </summary>
    /// <remarks>
    /// <para>
    /// With Wilson limits (l₁, u₁) for p₁ = (a + b)/n and (l₂, u₂) for p₂ = (a + c)/n, the bounds are
    /// d − √((p₁ − l₁)² − 2φ(p₁ − l₁)(u₂ − p₂) + (u₂ − p₂)²) and
    /// d + √((u₁ − p₁)² − 2φ(u₁ − p₁)(p₂ − l₂) + (p₂ − l₂)²).
    /// </para>
    /// <para>
    /// φ estimates the correlation of the two outcomes: with A = ad − bc and margins e = a + b, f = c + d,
    /// g = a + c, h = b + d, φ = (A − n/2)/√(efgh) when A &gt; n/2, 0 when 0 ≤ A ≤ n/2, and A/√(efgh)
    /// when A &lt; 0. φ = 0 when any margin is 0. This is the formula of the R packages contingencytables
    /// (Newcombe_square_and_add_CI_paired_2x2) and biostatUZH (confIntPairedProportion).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A cell count is negative or alpha is not in (0, 1).</exception>
    public static ProportionDifference NewcombePairedDifference(PairedOutcomeTable table, double alpha = 0.05)
    {
        ValidateTable(table);
        ValidateAlpha(alpha);
        int n = table.Count;
        if (n == 0)
        {
            return new ProportionDifference(double.NaN, new ConfidenceInterval(double.NaN, double.NaN));
        }

        int candidateGood = table.BothGood + table.CandidateOnlyGood;
        int baselineGood = table.BothGood + table.BaselineOnlyGood;
        double p1 = candidateGood / (double)n;
        double p2 = baselineGood / (double)n;
        ConfidenceInterval wilson1 = WilsonInterval(candidateGood, n, alpha);
        ConfidenceInterval wilson2 = WilsonInterval(baselineGood, n, alpha);
        double phi = CorrectedPhi(table);

        double lower1 = p1 - wilson1.Lower;
        double upper1 = wilson1.Upper - p1;
        double lower2 = p2 - wilson2.Lower;
        double upper2 = wilson2.Upper - p2;
        double difference = p1 - p2;
        double lowerDistance = Math.Sqrt(Math.Max(0.0, Square(lower1) - (2.0 * phi * lower1 * upper2) + Square(upper2)));
        double upperDistance = Math.Sqrt(Math.Max(0.0, Square(upper1) - (2.0 * phi * upper1 * lower2) + Square(lower2)));
        return new ProportionDifference(
            difference,
            new ConfidenceInterval(difference - lowerDistance, difference + upperDistance));
    }

    /// <summary>
    /// Runs McNemar's exact test, a two-sided binomial test of b among b + c discordant pairs with
    /// probability ½, as statsmodels 0.13 mcnemar(table, exact=True). The statistic is min(b, c). The
    /// p-value is min(1, 2·P(X ≤ min(b, c))) for X ~ Binomial(b + c, ½), and 1 without discordant pairs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A cell count is negative.</exception>
    public static HypothesisTestResult McNemarExact(PairedOutcomeTable table)
    {
        ValidateTable(table);
        int discordant = table.CandidateOnlyGood + table.BaselineOnlyGood;
        int smaller = Math.Min(table.CandidateOnlyGood, table.BaselineOnlyGood);
        if (discordant == 0)
        {
            return new HypothesisTestResult(smaller, 1.0);
        }

        double pValue = Math.Min(1.0, 2.0 * DistributionFunctions.BinomialCdf(smaller, discordant, 0.5));
        return new HypothesisTestResult(smaller, pValue);
    }

    /// <summary>
    /// Runs the two-sided z-test for p_candidate − p_baseline with the pooled variance
    /// p̄(1 − p̄)(1/n₁ + 1/n₂), p̄ = (x₁ + x₂)/(n₁ + n₂), as statsmodels 0.13
    /// proportions_ztest([x₁, x₂], [n₁, n₂]). The statistic is z.
    /// </summary>
    /// <remarks>
    /// When p̄ is 0 or 1, both samples are all bad or all good and the variance is zero. This method then
    /// returns z = 0 and p = 1, where statsmodels returns NaN. An empty sample gives NaN.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or successes exceed trials.</exception>
    public static HypothesisTestResult TwoProportionZTest(
        int candidateSuccesses,
        int candidateTrials,
        int baselineSuccesses,
        int baselineTrials)
    {
        ValidateCounts(candidateSuccesses, candidateTrials, nameof(candidateSuccesses));
        ValidateCounts(baselineSuccesses, baselineTrials, nameof(baselineSuccesses));
        if (candidateTrials == 0 || baselineTrials == 0)
        {
            return new HypothesisTestResult(double.NaN, double.NaN);
        }

        double p1 = candidateSuccesses / (double)candidateTrials;
        double p2 = baselineSuccesses / (double)baselineTrials;
        double pooled = (candidateSuccesses + (double)baselineSuccesses) / (candidateTrials + (double)baselineTrials);
        double variance = pooled * (1.0 - pooled) * ((1.0 / candidateTrials) + (1.0 / baselineTrials));
        if (!(variance > 0.0))
        {
            return new HypothesisTestResult(0.0, 1.0);
        }

        double z = (p1 - p2) / Math.Sqrt(variance);
        return new HypothesisTestResult(z, DistributionFunctions.TwoSidedNormalPValue(z));
    }

    private static double CorrectedPhi(PairedOutcomeTable table)
    {
        double a = table.BothGood;
        double b = table.CandidateOnlyGood;
        double c = table.BaselineOnlyGood;
        double d = table.NeitherGood;
        double marginProduct = (a + b) * (c + d) * (a + c) * (b + d);
        if (marginProduct == 0.0)
        {
            return 0.0;
        }

        double association = (a * d) - (b * c);
        double halfCount = table.Count / 2.0;
        if (association > halfCount)
        {
            return (association - halfCount) / Math.Sqrt(marginProduct);
        }

        return association >= 0.0 ? 0.0 : association / Math.Sqrt(marginProduct);
    }

    private static double Square(double value) => value * value;

    private static void ValidateCounts(int successes, int trials, string parameterName)
    {
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                successes,
                $"Counts must satisfy 0 <= successes <= trials, but successes = {successes} and trials = {trials}.");
        }
    }

    private static void ValidateTable(PairedOutcomeTable table)
    {
        if (table.BothGood < 0 || table.CandidateOnlyGood < 0 || table.BaselineOnlyGood < 0 || table.NeitherGood < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(table),
                table,
                "Every cell of the paired outcome table must be non-negative.");
        }
    }

    private static void ValidateAlpha(double alpha)
    {
        if (!(alpha > 0.0 && alpha < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha),
                alpha,
                "Alpha must lie strictly between 0 and 1, for example 0.05 for a 95% interval.");
        }
    }
}
