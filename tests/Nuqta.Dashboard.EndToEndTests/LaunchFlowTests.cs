using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class LaunchFlowTests(AppServer server)
{
    private static readonly Actor Seeder = new(ActorKind.System, "e2e", "e2e setup", new HashSet<string> { Roles.Admin });

    private static readonly string[] Metrics = ["faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness"];

    [Fact]
    public async Task Launch_RequestApprovePromote()
    {
        var model = "launch-" + Guid.NewGuid().ToString("N")[..6];
        await ArrangeAsync(model);

        // The engineer requests the launch from the model page.
        var engineer = await server.SignInAsync("engineer@demo.nuqta");
        await engineer.OpenAsync($"{server.BaseUrl}/models/{model}");
        await engineer.ClickAsync("[data-testid=request-launch]");
        await engineer.WaitForURLAsync($"**/models/{model}/launches/new");
        await engineer.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await engineer.Locator("[data-testid=launch-candidate]").First.ClickAsync();
        await engineer.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "v2" }).First.ClickAsync();
        await Assertions.Expect(engineer.Locator("[data-testid=launch-comparison]").First).ToBeVisibleAsync();
        await engineer.ClickAsync("[data-testid=submit-launch]");
        await engineer.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/launches/\d+$"));
        var launchUrl = engineer.Url;

        // The requester's page shows the evidence but no approval form.
        await Assertions.Expect(engineer.Locator("[data-testid=gate-verdict]")).ToHaveTextAsync("gate pass");
        await Assertions.Expect(engineer.Locator("[data-testid=regression-chart] .apexcharts-canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(engineer.Locator("[data-testid=own-request-notice]")).ToBeVisibleAsync();
        await Assertions.Expect(engineer.Locator("[data-testid=approve]")).ToHaveCountAsync(0);
        await Assertions.Expect(engineer.Locator("[data-testid=promote]")).ToHaveCountAsync(0);

        // A product owner approves with a comment.
        var owner = await server.SignInAsync("owner@demo.nuqta");
        await owner.OpenAsync(launchUrl);
        await owner.Locator("textarea[data-testid=decision-comment], [data-testid=decision-comment] textarea").First.FillAsync("Gate passed on every segment; approved for production.");
        await owner.ClickAsync("[data-testid=approve]");
        await Assertions.Expect(owner.Locator("[data-testid=launch-state]")).ToHaveTextAsync("approved");
        await Assertions.Expect(owner.Locator("[data-testid=decisions]")).ToContainTextAsync("owner@demo.nuqta");

        // The requester promotes, and the packet records the chain head.
        await engineer.OpenAsync(launchUrl);
        await engineer.ClickAsync("[data-testid=promote]");
        await engineer.ClickAsync("[data-testid=confirm-promote]");
        await Assertions.Expect(engineer.Locator("[data-testid=launch-state]")).ToHaveTextAsync("promoted");
        await engineer.ClickAsync("[data-testid=packet-link]");
        await Assertions.Expect(engineer.Locator("[data-testid=head-hash]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await Assertions.Expect(engineer.Locator("[data-testid=packet-audit]")).ToContainTextAsync("launch.promoted");

        var detail = await server.Services.GetRequiredService<ModelRegistry>().GetModelAsync(model);
        Assert.Equal("v2", detail.Aliases.Single(a => a.Name == "production").Version);
    }

    // A fresh model with v1 under production, and identical runs of v1 and v2 on the demo's
    // support-golden set, so the saved comparison's gate passes.
    private async Task ArrangeAsync(string model)
    {
        var registry = server.Services.GetRequiredService<ModelRegistry>();
        await registry.RegisterModelAsync(Seeder, new RegisterModelRequest(model, "qa", "Launch flow test model."));
        await registry.RegisterVersionAsync(Seeder, model, new RegisterModelVersionRequest("v1", null, null, null, null, null));
        await registry.RegisterVersionAsync(Seeder, model, new RegisterModelVersionRequest("v2", null, null, null, null, null));
        await registry.SetAliasAsync(Seeder, model, "production", new SetAliasRequest("v1", 0, "first release"));

        var file = await WriteResultsAsync();
        var importer = server.Services.GetRequiredService<EvaluationImportService>();
        var runs = new Dictionary<string, int>();
        foreach (var version in new[] { "v1", "v2" })
        {
            var request = new ImportRunsRequest(
                model, "support-golden", "2026-10", version, null, null, null, null, null, null, "regression", "ragas", "0.2", 1, null, null, file, $"{version}.csv");
            runs[version] = (await importer.ImportAsync(Seeder, request)).Runs[0].Id;
        }

        File.Delete(file);
        await server.Services.GetRequiredService<ComparisonService>().SaveAsync(
            Seeder, new ComparisonRequest(new ComparisonSide([runs["v2"]]), new ComparisonSide([runs["v1"]]), ["dialect"], Resamples: 200));
    }

    private async Task<string> WriteResultsAsync()
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        var keys = await db.DatasetExamples
            .Where(e => db.DatasetVersions.Any(v => v.Id == e.DatasetVersionId && v.Label == "2026-10" && v.Dataset!.Name == "support-golden"))
            .OrderBy(e => e.ExampleIndex)
            .Select(e => e.Key)
            .ToListAsync();
        var csv = new StringBuilder("id," + string.Join(",", Metrics) + "\n");
        for (int i = 0; i < keys.Count; i++)
        {
            var value = 0.6 + (0.05 * (i % 7));
            csv.Append(keys[i]).Append(',').AppendJoin(',', Metrics.Select(_ => value.ToString("0.000", CultureInfo.InvariantCulture))).Append('\n');
        }

        var path = Path.Combine(Path.GetTempPath(), $"launch-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        return path;
    }
}
