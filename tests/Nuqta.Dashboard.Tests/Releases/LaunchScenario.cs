using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;
using Nuqta.Dashboard.Tests.Evaluation;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Releases;

/// <summary>
/// A Core host with the model support-rag (v1, v2, v3), v1 under production, and saved
/// comparisons written straight to the database with the gate verdict a test needs.
/// </summary>
internal static class LaunchScenario
{
    public const string ModelName = ImportScenario.Model;

    public static readonly Actor Engineer = Actors.User("engineer@example.com", Roles.Engineer);
    public static readonly Actor OwnerA = Actors.User("owner-a@example.com", Roles.ProductOwner);
    public static readonly Actor OwnerB = Actors.User("owner-b@example.com", Roles.ProductOwner);
    public static readonly Actor Sre = Actors.User("sre@example.com", Roles.Sre);

    public static async Task<CoreHost> StartAsync(bool withProduction = true, Action<IServiceCollection>? configure = null)
    {
        var host = await ImportScenario.StartAsync(configure: configure);
        if (withProduction)
        {
            await host.Get<ModelRegistry>().SetAliasAsync(Sre, ModelName, "production", new SetAliasRequest("v1", 0, "first release"));
        }

        return host;
    }

    /// <summary>Stores a comparison of candidate against baseline with the verdict and one faithfulness cell per given verdict.</summary>
    public static async Task<int> SaveComparisonAsync(CoreHost host, string candidate, string baseline, GateVerdict gate, params Verdict[] cellVerdicts)
    {
        await using var db = host.CreateContext();
        var versions = await db.ModelVersions.Where(v => v.Model!.Name == ModelName).ToDictionaryAsync(v => v.Label, v => v.Id);
        var datasetVersion = await db.DatasetVersions.Select(v => v.Id).FirstAsync();
        var cells = (cellVerdicts.Length == 0 ? [Verdict.Equivalent] : cellVerdicts)
            .Select((verdict, i) => new ComparisonCell(
                "faithfulness", "mean", i == 0 ? null : "lang", i == 0 ? null : $"segment-{i}", "paired", 30, 30, 30,
                0.8, 0.8 + (i * 0.001), i * 0.001, -0.01, 0.01, "PercentileBootstrap", 0.5, 0.5, 0.02, verdict, 0.1))
            .ToList();
        var result = new ComparisonResult(
            datasetVersion,
            ImportScenario.Dataset,
            "v1",
            new ComparisonSideSummary(versions[candidate], ModelName, candidate, [11]),
            new ComparisonSideSummary(versions[baseline], ModelName, baseline, [10]),
            42,
            200,
            ["lang"],
            [new MetricComparisonSummary("faithfulness", "mean", "paired", 30, 1, 1, null, null)],
            cells);
        var saved = new SavedComparison
        {
            DatasetVersionId = datasetVersion,
            CandidateModelVersionId = versions[candidate],
            BaselineModelVersionId = versions[baseline],
            CandidateRunIdsJson = "[11]",
            BaselineRunIdsJson = "[10]",
            DimensionsJson = "[\"lang\"]",
            Seed = 42,
            Resamples = 200,
            ResultsJson = JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            GateVerdict = gate,
            GateReasonsJson = JsonSerializer.Serialize(new[] { $"test gate {gate}" }),
            CreatedAtUtc = host.Time.GetUtcNow().UtcDateTime,
            CreatedBy = Engineer.Name,
        };
        db.SavedComparisons.Add(saved);
        await db.SaveChangesAsync();
        return saved.Id;
    }
}
