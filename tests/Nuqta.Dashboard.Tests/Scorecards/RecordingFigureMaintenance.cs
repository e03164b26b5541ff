using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Tests.Scorecards;

/// <summary>Records the recompute calls that metric and SLO changes make, instead of recomputing.</summary>
internal sealed class RecordingFigureMaintenance : IWeeklyFigureMaintenance
{
    public List<int> RunBatches { get; } = [];

    public List<int> Metrics { get; } = [];

    public List<int> Slos { get; } = [];

    public Task RecomputeForRunsAsync(IReadOnlyCollection<int> runIds, CancellationToken cancellationToken = default)
    {
        RunBatches.Add(runIds.Count);
        return Task.CompletedTask;
    }

    public Task RecomputeForMetricAsync(int metricId, CancellationToken cancellationToken = default)
    {
        Metrics.Add(metricId);
        return Task.CompletedTask;
    }

    public Task RecomputeForSloAsync(int sloId, CancellationToken cancellationToken = default)
    {
        Slos.Add(sloId);
        return Task.CompletedTask;
    }
}
