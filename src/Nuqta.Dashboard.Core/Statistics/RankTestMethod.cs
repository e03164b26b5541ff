namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// How a rank test computes its p-value, mirroring the method argument of SciPy 1.10's rank tests.
/// </summary>
public enum RankTestMethod
{
    /// <summary>Exact distribution when the test's small-sample rule allows it, normal approximation otherwise.</summary>
    Auto,

    /// <summary>Exact null distribution, rejected with ArgumentException when the data contain ties (or zero differences).</summary>
    Exact,

    /// <summary>Normal approximation with tie correction.</summary>
    Asymptotic,
}
