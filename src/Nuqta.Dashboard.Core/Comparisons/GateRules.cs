using System.Globalization;
using System.Text.Json.Serialization;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>Outcome of a release gate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateVerdict>))]
public enum GateVerdict
{
    /// <summary>No critical metric regressed and every critical cell reached a verdict.</summary>
    Pass,

    /// <summary>A critical metric regressed overall or in a counted segment, or the candidate missed an SLO target.</summary>
    Fail,

    /// <summary>Nothing regressed, but a critical cell lacks data or evidence, so the gate cannot pass.</summary>
    Inconclusive,
}

/// <summary>A gate verdict with the reasons behind it, one sentence each.</summary>
public sealed record GateOutcome(GateVerdict Verdict, IReadOnlyList<string> Reasons);

/// <summary>What a gate checks: its critical metrics and the segment dimensions that count.</summary>
/// <param name="CriticalMetrics">Metric keys whose regression fails the gate.</param>
/// <param name="CountedDimensions">Dimensions whose segments count; null for every dimension.</param>
public sealed record GateRules(IReadOnlyList<string> CriticalMetrics, IReadOnlyList<string>? CountedDimensions)
{
    /// <summary>The default critical metrics: the five RAG quality metrics.</summary>
    public static readonly IReadOnlyList<string> DefaultCriticalMetrics =
        ["faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness"];

    /// <summary>The rules of a model without a stored policy.</summary>
    public static GateRules Default { get; } = new(DefaultCriticalMetrics, null);
}

/// <summary>Turns the cells of a comparison into a gate verdict.</summary>
public static class GateEvaluator
{
    /// <summary>
    /// Evaluates the gate. It fails when a critical metric's aggregate or bad rate is a
    /// <see cref="Verdict.Regression"/> overall or in a segment of a counted dimension, or when
    /// <paramref name="sloMisses"/> lists a missed SLO target. Otherwise it is
    /// inconclusive when a critical metric was not compared, or when a critical aggregate cell is
    /// <see cref="Verdict.Inconclusive"/> or <see cref="Verdict.InsufficientData"/>. Otherwise it passes.
    /// Bad-rate cells can fail the gate but do not make it inconclusive, because the aggregate cell
    /// already states whether the metric has enough evidence.
    /// </summary>
    /// <param name="sloMisses">SLO targets that the candidate's own figures miss; null when SLO targets were not checked.</param>
    public static GateOutcome Evaluate(IReadOnlyList<ComparisonCell> cells, GateRules rules, IReadOnlyList<SloTargetMiss>? sloMisses = null)
    {
        var failures = new List<string>();
        var gaps = new List<string>();
        foreach (string metric in rules.CriticalMetrics)
        {
            var counted = cells.Where(c => c.Metric == metric && Counts(c, rules)).ToList();
            if (counted.Count == 0)
            {
                gaps.Add($"Critical metric {metric} was not compared, because one side has no values for it.");
                continue;
            }

            foreach (ComparisonCell cell in counted)
            {
                bool isAggregate = cell.Statistic != "bad-rate";
                if (cell.Verdict == Verdict.Regression)
                {
                    failures.Add($"{Describe(cell)} regressed: {Evidence(cell)}.");
                }
                else if (isAggregate && cell.Verdict == Verdict.InsufficientData)
                {
                    gaps.Add($"{Describe(cell)} has too few examples ({cell.CandidateCount} candidate, {cell.BaselineCount} baseline) for a verdict.");
                }
                else if (isAggregate && cell.Verdict == Verdict.Inconclusive)
                {
                    gaps.Add($"{Describe(cell)} is inconclusive: {Evidence(cell)}.");
                }
            }
        }

        failures.AddRange(SloMissReasons(sloMisses ?? []));
        if (failures.Count > 0)
        {
            return new GateOutcome(GateVerdict.Fail, [.. failures, .. gaps]);
        }

        if (gaps.Count > 0)
        {
            return new GateOutcome(GateVerdict.Inconclusive, gaps);
        }

        int checkedCells = cells.Count(c => rules.CriticalMetrics.Contains(c.Metric) && Counts(c, rules));
        string sloSummary = sloMisses is null ? "" : " The candidate met every SLO target that had enough data.";
        return new GateOutcome(
            GateVerdict.Pass,
            [$"No critical metric regressed in the {checkedCells} counted cells, and every critical aggregate cell reached a verdict.{sloSummary}"]);
    }

    /// <summary>
    /// Evaluates the gate of a version that has no baseline to compare with, such as a model's first
    /// release, on the absolute SLO targets alone: fail when a target is missed, pass when none is,
    /// and inconclusive when no SLO check is available (<paramref name="sloMisses"/> null).
    /// </summary>
    /// <param name="whyNoBaseline">One sentence saying why there is no baseline; it leads the reasons.</param>
    public static GateOutcome EvaluateWithoutBaseline(string whyNoBaseline, IReadOnlyList<SloTargetMiss>? sloMisses)
    {
        if (sloMisses is null)
        {
            return new GateOutcome(GateVerdict.Inconclusive, [whyNoBaseline, NoSloCheckReason]);
        }

        if (sloMisses.Count > 0)
        {
            return new GateOutcome(GateVerdict.Fail, [whyNoBaseline, .. SloMissReasons(sloMisses)]);
        }

        return new GateOutcome(
            GateVerdict.Pass,
            [whyNoBaseline, "Judged on the absolute SLO targets alone: the candidate met every target that had enough data."]);
    }

    /// <summary>Reason added when the app has no SLO check, so SLO targets were not judged.</summary>
    public const string NoSloCheckReason = "SLO targets were not checked, because this installation has no SLO check.";

    private static IEnumerable<string> SloMissReasons(IReadOnlyList<SloTargetMiss> misses) => misses.Select(miss =>
    {
        string scope = miss.SegmentValue is null ? "" : $" in segment {miss.SegmentValue}";
        return $"SLO {miss.SloName}{scope} missed: {miss.Reason}";
    });

    private static bool Counts(ComparisonCell cell, GateRules rules) =>
        cell.Dimension is null || rules.CountedDimensions is null || rules.CountedDimensions.Contains(cell.Dimension, StringComparer.Ordinal);

    private static string Describe(ComparisonCell cell)
    {
        string scope = cell.Dimension is null ? "overall" : $"in {cell.Dimension}={cell.Segment}";
        return $"{cell.Metric} {cell.Statistic} {scope}";
    }

    private static string Evidence(ComparisonCell cell) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Format(cell.Baseline)} → {Format(cell.Candidate)}, difference {Format(cell.Difference)} [{Format(cell.Lower)}, {Format(cell.Upper)}], q {FormatQ(cell.QValue)}, tolerance {Format(cell.Tolerance)}");

    private static string Format(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    // A review reads "q < 0.0001" more easily than "q = 1.565E-07", and it means the same for a verdict.
    private static string FormatQ(double? value) => value switch
    {
        null => "= n/a",
        < 0.0001 => "< 0.0001",
        { } v => "= " + v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
