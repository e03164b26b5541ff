namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Keeps the materialised weekly figures current. The import calls it after runs commit; metric
/// and SLO editing call it after a definition changes.
/// </summary>
public interface IWeeklyFigureMaintenance
{
    /// <summary>Recomputes the weeks (and their SLO statuses) that the given committed runs fall in.</summary>
    Task RecomputeForRunsAsync(IReadOnlyCollection<int> runIds, CancellationToken cancellationToken = default);

    /// <summary>Recomputes every week that uses the metric (after a metric's settings changed).</summary>
    Task RecomputeForMetricAsync(int metricId, CancellationToken cancellationToken = default);

    /// <summary>Re-evaluates every week of the SLO (after it was created, changed or disabled).</summary>
    Task RecomputeForSloAsync(int sloId, CancellationToken cancellationToken = default);
}

/// <summary>One behavioural SLO target that a candidate's own figures missed, in one sentence.</summary>
public sealed record SloTargetMiss(int SloId, string SloName, string? SegmentValue, string Reason);

/// <summary>
/// Judges a candidate's own figures on one dataset version against the absolute SLO targets, for
/// the release gate and for first launches that have no baseline.
/// </summary>
public interface ISloTargetCheck
{
    /// <summary>The SLO targets that the pooled values of <paramref name="runIds"/> miss; empty when all are met or lack data.</summary>
    Task<IReadOnlyList<SloTargetMiss>> MissedTargetsAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken = default);
}
