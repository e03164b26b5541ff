using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Scorecards;

/// <summary>
/// A Core host with the model <see cref="Model"/> (versions v1 and v2, v1 holding production from
/// the host's start, Monday 2026-03-02 09:00 UTC, in 2026-W10) and the golden dataset version
/// <see cref="Dataset"/>/v1 of six examples: q1 to q3 with dialect=gulf, q4 to q6 with dialect=maghrebi.
/// </summary>
internal static class ScorecardScenario
{
    public const string Model = "support-rag";

    public const string Dataset = "support-golden";

    public static readonly IsoWeek Week = new(2026, 10);

    /// <summary>Tuesday of <see cref="Week"/>, noon UTC.</summary>
    public static readonly DateTime Tuesday = new(2026, 3, 3, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<CoreHost> StartAsync()
    {
        var host = await CoreHost.StartAsync();
        var models = host.Get<ModelRegistry>();
        await models.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest(Model, "support", null));
        await models.RegisterVersionAsync(Actors.Engineer, Model, new RegisterModelVersionRequest("v1", null, null, null, null, null));
        await models.RegisterVersionAsync(Actors.Engineer, Model, new RegisterModelVersionRequest("v2", null, null, null, null, null));
        await MoveProductionAsync(host, "v1");

        await host.Get<DatasetRegistry>().RegisterDatasetAsync(Actors.Engineer, new RegisterDatasetRequest(Dataset, "golden", "support", null));
        var examples = "id,question,dialect\nq1,one,gulf\nq2,two,gulf\nq3,three,gulf\nq4,four,maghrebi\nq5,five,maghrebi\nq6,six,maghrebi\n";
        var path = WriteFile(host, examples);
        await host.Get<DatasetVersionCreator>().CreateAsync(
            Actors.Engineer,
            Dataset,
            new CreateDatasetVersionRequest("v1", path, "examples.csv", null, "id", "question", null, ["dialect"], []));
        return host;
    }

    /// <summary>Points production at <paramref name="version"/> at the host clock's current time.</summary>
    public static async Task MoveProductionAsync(CoreHost host, string version)
    {
        var models = host.Get<ModelRegistry>();
        var current = (await models.GetModelAsync(Model)).Aliases.Single(a => a.Name == "production");
        await models.SetAliasAsync(Actors.Sre, Model, "production", new SetAliasRequest(version, current.Revision, "scorecard test"));
    }

    /// <summary>
    /// Imports one run of <paramref name="version"/>: per example q1 to q6, the faithfulness and
    /// latency_ms values given (NaN writes an empty, missing cell).
    /// </summary>
    public static async Task<int> ImportAsync(CoreHost host, string version, DateTime evaluatedAtUtc, double[] faithfulness, double[] latency, int trial = 1, string kind = "regression")
    {
        var csv = new StringBuilder("id,faithfulness,latency_ms\n");
        for (var i = 0; i < 6; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"q{i + 1},{Cell(faithfulness[i])},{Cell(latency[i])}\n");
        }

        var request = new ImportRunsRequest(
            Model, Dataset, "v1", version, null, null, null, null, null, evaluatedAtUtc, kind, "ragas", "0.2", trial, null, null,
            WriteFile(host, csv.ToString()), "results.csv");
        var outcome = await host.Get<EvaluationImportService>().ImportAsync(Actors.Engineer, request);
        return outcome.Runs.Single().Id;
    }

    /// <summary>Adds an SLO straight to the table and recomputes its weeks, as the SLO admin service does.</summary>
    public static async Task<int> AddSloAsync(CoreHost host, string name, string metric, string aggregate, SloComparator comparator, double target, int minExamples, string? dimension = null)
    {
        await using var db = host.CreateContext();
        var metricId = await db.Metrics.Where(m => m.Key == metric).Select(m => m.Id).SingleAsync();
        var slo = new SloDefinition
        {
            Name = name,
            NormalizedName = name.ToLowerInvariant(),
            MetricId = metricId,
            Aggregate = aggregate,
            Comparator = comparator,
            Target = target,
            Dimension = dimension,
            MinExamples = minExamples,
            CreatedBy = "test",
            UpdatedBy = "test",
        };
        db.SloDefinitions.Add(slo);
        await db.SaveChangesAsync();
        await host.Get<IWeeklyFigureMaintenance>().RecomputeForSloAsync(slo.Id);
        return slo.Id;
    }

    public static async Task<List<WeeklyFigure>> LoadFiguresAsync(CoreHost host, string metric)
    {
        await using var db = host.CreateContext();
        var metricId = await db.Metrics.Where(m => m.Key == metric).Select(m => m.Id).SingleAsync();
        return await db.WeeklyFigures.AsNoTracking().Where(f => f.MetricId == metricId).OrderBy(f => f.Week).ThenBy(f => f.Role).ToListAsync();
    }

    public static double[] Repeat(double value) => Enumerable.Repeat(value, 6).ToArray();

    private static string Cell(double value) => double.IsNaN(value) ? "" : value.ToString(CultureInfo.InvariantCulture);

    private static string WriteFile(CoreHost host, string content)
    {
        var path = Path.Combine(host.Directory, Guid.NewGuid().ToString("n"));
        File.WriteAllText(path, content);
        return path;
    }
}
