using System.Text.Json;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>The error budget arithmetic of one good-rate SLO over a window of weeks.</summary>
/// <param name="Allowed">Bad examples the window may have: (1 - target) x window examples.</param>
/// <param name="Left">Allowed minus the window's bad examples; negative when overspent.</param>
/// <param name="LeftFraction">Left divided by allowed, or null when nothing is allowed.</param>
/// <param name="WeekBurnRate">The week's bad share divided by (1 - target); null without examples or when the target is 1.</param>
/// <param name="WindowBurnRate">The window's bad share divided by (1 - target); null without examples or when the target is 1.</param>
public sealed record BudgetFigures(double Allowed, double Left, double? LeftFraction, double? WeekBurnRate, double? WindowBurnRate, bool FastBurn, bool SlowBurn);

/// <summary>How SLOs judge a week: status, scope and the error budget of good-rate SLOs.</summary>
public static class SloRules
{
    /// <summary>Burn rate at or above which the current week warns of fast burn.</summary>
    public const double FastBurnRate = 2.0;

    /// <summary>Window burn rate at or above which a met week warns of slow burn.</summary>
    public const double SlowBurnRate = 1.0;

    /// <summary>Weeks in the rolling error budget window, the current week included.</summary>
    public const int WindowWeeks = 4;

    /// <summary>
    /// Returns met or breached for the figure, or insufficient data when fewer than
    /// <paramref name="minExamples"/> values are in scope or the figure is undefined.
    /// </summary>
    public static SloStatus Judge(SloComparator comparator, double target, double figure, int examples, int minExamples)
    {
        if (examples < minExamples || examples == 0 || double.IsNaN(figure))
        {
            return SloStatus.InsufficientData;
        }

        var met = comparator == SloComparator.AtMost ? figure <= target : figure >= target;
        return met ? SloStatus.Met : SloStatus.Breached;
    }

    /// <summary>
    /// Computes the error budget of a good-rate SLO: allowed = (1 - target) x window examples,
    /// left = allowed - window bad, burn rate = bad share / (1 - target). Fast burn: the week burns
    /// at 2x or more. Slow burn: the window burns at 1x or more although the week is met.
    /// </summary>
    public static BudgetFigures Budget(double target, int weekExamples, int weekBad, int windowExamples, int windowBad, SloStatus weekStatus)
    {
        var allowedShare = 1.0 - target;
        var allowed = allowedShare * windowExamples;
        var left = allowed - windowBad;
        double? leftFraction = allowed > 0 ? left / allowed : null;
        double? weekBurn = BurnRate(weekBad, weekExamples, allowedShare);
        double? windowBurn = BurnRate(windowBad, windowExamples, allowedShare);

        // With a target of 1 nothing is allowed, so any bad example burns without limit.
        var fastBurn = weekBurn >= FastBurnRate || (allowedShare <= 0 && weekBad > 0);
        var slowBurn = weekStatus == SloStatus.Met && (windowBurn >= SlowBurnRate || (allowedShare <= 0 && windowBad > 0));
        return new BudgetFigures(allowed, left, leftFraction, weekBurn, windowBurn, fastBurn, slowBurn);
    }

    /// <summary>Returns the comparator as a symbol: <c>&lt;=</c> or <c>&gt;=</c>.</summary>
    public static string Symbol(SloComparator comparator) => comparator == SloComparator.AtMost ? "<=" : ">=";

    /// <summary>True when the SLO judges runs of this kind on this dataset (see <see cref="SloDefinition.RunKindsJson"/>).</summary>
    public static bool InScope(SloDefinition slo, RunKind kind, string datasetName, DatasetPurpose purpose)
    {
        var kinds = ReadNames(slo.RunKindsJson);
        var datasets = ReadNames(slo.DatasetNamesJson);
        if (kinds is null && datasets is null)
        {
            return kind == RunKind.ProductionSample || purpose == DatasetPurpose.Golden;
        }

        var kindMatches = kinds is not null && kinds.Any(k => RunKinds.Parse(k) == kind && !string.IsNullOrWhiteSpace(k));
        var datasetMatches = datasets is not null && datasets.Contains(datasetName, StringComparer.OrdinalIgnoreCase);
        return kindMatches || datasetMatches;
    }

    /// <summary>True when the SLO applies to the model: it names the model, or no model (all models).</summary>
    public static bool AppliesTo(SloDefinition slo, int modelId) => slo.IsEnabled && (slo.ModelId is null || slo.ModelId == modelId);

    private static double? BurnRate(int bad, int examples, double allowedShare) =>
        examples > 0 && allowedShare > 0 ? bad / (double)examples / allowedShare : null;

    private static string[]? ReadNames(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            // A malformed list judges nothing rather than everything.
            return [];
        }
    }
}
