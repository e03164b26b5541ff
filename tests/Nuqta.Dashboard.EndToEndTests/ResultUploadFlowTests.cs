using Microsoft.Playwright;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class ResultUploadFlowTests(AppServer server)
{
    private static readonly Actor Seeder = new(ActorKind.System, "e2e", "e2e setup", new HashSet<string> { Roles.Admin });

    [Fact]
    public async Task Engineer_UploadsSplitRagasFileAndSeesSegmentChart()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (model, dataset) = ($"qa-{suffix}", $"law-{suffix}");
        await ArrangeAsync(model, dataset);
        var resultsFile = WriteResultsFile();
        var page = await server.SignInAsync("engineer@demo.nuqta");

        await page.OpenAsync($"{server.BaseUrl}/runs/upload?model={model}&dataset={dataset}");
        await page.SetInputFilesAsync("[data-testid=results-file]", resultsFile);
        await page.ClickAsync("[data-testid=upload-results]");
        await Assertions.Expect(page.Locator("[data-testid=version-map]")).ToContainTextAsync("bge");
        await page.ClickAsync("[data-testid=import-runs]");

        var outcome = page.Locator("[data-testid=import-outcome]");
        await Assertions.Expect(outcome).ToContainTextAsync("2 runs were imported");
        await outcome.Locator("a", new() { HasTextString = "#" }).First.ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        await page.OpenAsync(page.Url.Split('?')[0] + "?segment=category&metric=faithfulness");

        await Assertions.Expect(page.Locator("[data-testid=segment-table]")).ToContainTextAsync("القانون المدني");
        await Assertions.Expect(page.Locator("[data-testid=segment-chart] .apexcharts-canvas")).ToBeVisibleAsync();
        File.Delete(resultsFile);
    }

    [Fact]
    public async Task Charts_DoNotAccumulateAcrossNavigations()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (model, dataset) = ($"nav-{suffix}", $"navset-{suffix}");
        await ArrangeAsync(model, dataset);
        var resultsFile = WriteResultsFile();
        var import = new Nuqta.Dashboard.Core.Evaluation.ImportRunsRequest(
            model, dataset, "v1", null, "model", new Dictionary<string, string> { ["BGE"] = "bge", ["MiniLM"] = "minilm" },
            null, null, null, null, "regression", null, null, 1, null, null, resultsFile, "ragas.csv");
        var outcome = await server.Services.GetRequiredService<Nuqta.Dashboard.Core.Evaluation.EvaluationImportService>().ImportAsync(Seeder, import);
        var pages = outcome.Runs.Select(r => $"{server.BaseUrl}/runs/{r.Id}?segment=category&metric=faithfulness").ToList();
        var page = await server.SignInAsync("viewer@demo.nuqta");
        await page.OpenAsync(pages[0]);

        for (var i = 1; i <= 20; i++)
        {
            // Blazor's own navigation keeps the page (and any leaked chart) alive, as a user's clicks do.
            await page.EvaluateAsync("url => Blazor.navigateTo(url)", pages[i % 2]);
            await Assertions.Expect(page.Locator("[data-testid=segment-chart] .apexcharts-canvas")).ToHaveCountAsync(1);
        }

        var live = await page.EvaluateAsync<int>("() => window.nuqtaCharts.count()");
        Assert.Equal(1, live);
        File.Delete(resultsFile);
    }

    private async Task ArrangeAsync(string model, string dataset)
    {
        var models = server.Services.GetRequiredService<ModelRegistry>();
        await models.RegisterModelAsync(Seeder, new RegisterModelRequest(model, "legal", null));
        foreach (var version in new[] { "bge", "minilm" })
        {
            await models.RegisterVersionAsync(Seeder, model, new RegisterModelVersionRequest(version, null, null, null, null, null));
        }

        await server.Services.GetRequiredService<DatasetRegistry>().RegisterDatasetAsync(Seeder, new RegisterDatasetRequest(dataset, "golden", "legal", null));
        var examples = Path.Combine(Path.GetTempPath(), $"examples-{Guid.NewGuid():N}.jsonl");
        var lines = Questions.Select((q, i) => $$"""{"question": "{{q}}", "category": "{{(i % 2 == 0 ? "القانون المدني" : "قانون العمل")}}"}""");
        await File.WriteAllLinesAsync(examples, lines);
        var request = new CreateDatasetVersionRequest("v1", examples, "examples.jsonl", null, null, "question", null, ["category"], []);
        await server.Services.GetRequiredService<DatasetVersionCreator>().CreateAsync(Seeder, dataset, request);
        File.Delete(examples);
    }

    // Ragas-style results: each question once per retriever, which the page splits into two runs.
    private static string WriteResultsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ragas-{Guid.NewGuid():N}.csv");
        var rows = new List<string> { "model,question,faithfulness,answer_relevancy" };
        for (var i = 0; i < Questions.Length; i++)
        {
            rows.Add($"BGE,{Questions[i]},{0.4 + (i * 0.05):0.00},0.8");
            rows.Add($"MiniLM,{Questions[i]},{0.3 + (i * 0.04):0.00},0.7");
        }

        File.WriteAllLines(path, rows);
        return path;
    }

    private static readonly string[] Questions =
    [
        "ما هي مدة التقادم في الدعاوى المدنية؟",
        "هل يحق للعامل إجازة سنوية مدفوعة؟",
        "كيف يتم فسخ العقد المدني؟",
        "ما هو الحد الأدنى للأجور؟",
        "من يتحمل مسؤولية الضرر في العقد؟",
        "كم ساعة عمل في الأسبوع؟",
    ];
}
