using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>
/// Set-up of a Core host for result imports: the model <see cref="Model"/> with versions v1, v2
/// and v3, and the dataset version <see cref="Dataset"/>/v1.
/// </summary>
internal static class ImportScenario
{
    public const string Model = "support-rag";

    public const string Dataset = "support-qa";

    /// <summary>
    /// Six examples with ids q1 to q6: q1 to q3 are Arabic questions with lang=ar, q4 to q6
    /// English ones with lang=en.
    /// </summary>
    public const string DefaultExamples =
        "id,question,lang\n" +
        "q1,ما هو أجل الطعن بالنقض؟,ar\n" +
        "q2,كيف أجدد جواز السفر؟,ar\n" +
        "q3,متى تفتح المحكمة؟,ar\n" +
        "q4,What is the boiling point of water?,en\n" +
        "q5,Who wrote Hamlet?,en\n" +
        "q6,How many legs does a spider have?,en\n";

    /// <summary>Starts a host and registers the model and the dataset version built from <paramref name="examplesCsv"/>.</summary>
    public static async Task<CoreHost> StartAsync(string examplesCsv = DefaultExamples, string? idField = "id", Action<IServiceCollection>? configure = null)
    {
        var host = await CoreHost.StartAsync(configure);
        var models = host.Get<ModelRegistry>();
        await models.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest(Model, "support", null));
        foreach (var label in new[] { "v1", "v2", "v3" })
        {
            await models.RegisterVersionAsync(Actors.Engineer, Model, new RegisterModelVersionRequest(label, null, null, null, null, null));
        }

        await host.Get<DatasetRegistry>().RegisterDatasetAsync(Actors.Engineer, new RegisterDatasetRequest(Dataset, "golden", "support", null));
        var path = WriteFile(host, examplesCsv);
        var segments = examplesCsv.Split('\n')[0].Split(',').Contains("lang") ? new[] { "lang" } : [];
        var request = new CreateDatasetVersionRequest("v1", path, "examples.csv", null, idField, "question", null, segments, []);
        await host.Get<DatasetVersionCreator>().CreateAsync(Actors.Engineer, Dataset, request);
        return host;
    }

    /// <summary>Imports <paramref name="content"/> as a results file for version v1, or split by a column when <paramref name="splitBy"/> is set.</summary>
    public static Task<ImportOutcome> ImportAsync(
        CoreHost host,
        string content,
        string fileName = "results.csv",
        string? version = "v1",
        string? splitBy = null,
        IReadOnlyDictionary<string, string>? versionMap = null,
        int trial = 1,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var path = WriteFile(host, content);
        var request = new ImportRunsRequest(
            Model,
            Dataset,
            "v1",
            splitBy is null ? version : null,
            splitBy,
            versionMap,
            Format: null,
            Mapping: null,
            JoinField: null,
            EvaluatedAtUtc: null,
            Kind: null,
            Evaluator: "ragas",
            EvaluatorVersion: "0.2",
            trial,
            Source: null,
            Commit: null,
            path,
            fileName);
        return host.Get<EvaluationImportService>().ImportAsync(Actors.Engineer, request, progress, cancellationToken);
    }

    /// <summary>Returns the stored values of one metric in one run, in example order.</summary>
    public static async Task<double[]> LoadValuesAsync(CoreHost host, int runId, string metric)
    {
        await using var db = host.CreateContext();
        var metricId = await db.Metrics.Where(m => m.Key == metric).Select(m => m.Id).SingleAsync();
        var values = await db.RunMetricValues.SingleAsync(v => v.RunId == runId && v.MetricId == metricId);
        return EvaluationImportService.Unpack(values.Values);
    }

    /// <summary>Returns the audit actions in the order they were written.</summary>
    public static async Task<List<string>> LoadActionsAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private static string WriteFile(CoreHost host, string content)
    {
        var path = Path.Combine(host.Directory, Guid.NewGuid().ToString("n"));
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        return path;
    }
}
