using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class RegistryFlowTests(AppServer server)
{
    [Fact]
    public async Task Engineer_RegistersModelAndVersion()
    {
        var page = await server.SignInAsync("engineer@demo.nuqta");
        var name = "e2e-model-" + Guid.NewGuid().ToString("N")[..6];

        await page.OpenAsync(server.BaseUrl + "/models/new");
        await page.Field("model-name").FillAsync(name);
        await page.Field("model-team").FillAsync("qa");
        await page.ClickAsync("[data-testid=register-model]");
        await page.WaitForURLAsync($"**/models/{name}");

        await page.OpenAsync($"{server.BaseUrl}/models/{name}/versions/new");
        await page.Field("version-label").FillAsync("v1.0.0");
        await page.ClickAsync("[data-testid=register-version]");
        await page.WaitForURLAsync($"**/models/{name}?version=v1.0.0");

        await Assertions.Expect(page.Locator("[data-testid=version-table]")).ToContainTextAsync("v1.0.0");
    }

    [Fact]
    public async Task Engineer_CreatesDatasetVersionAndSeesLineageAndAudit()
    {
        var page = await server.SignInAsync("engineer@demo.nuqta");
        var file = Path.Combine(Path.GetTempPath(), $"golden-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "id,question,answer,language\nq1,Where is my order?,Use the tracking page.,en\nq2,أين طلبي؟,استخدم صفحة التتبع.,ar\n");

        await page.OpenAsync(server.BaseUrl + "/datasets/support-golden/versions/new");
        await page.SetInputFilesAsync("[data-testid=examples-file]", file);
        await page.ClickAsync("[data-testid=upload-file]");
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("أين طلبي؟");

        await page.Field("dataset-version-label").FillAsync("e2e-1");
        await page.ClickAsync("[data-testid=create-dataset-version]");
        await page.WaitForURLAsync("**/datasets/support-golden/versions/e2e-1");

        await Assertions.Expect(page.Locator("[data-testid=lineage]")).ToContainTextAsync("support-golden / e2e-1");
        await Assertions.Expect(page.Locator("[data-testid=example-table]")).ToContainTextAsync("Where is my order?");

        await page.OpenAsync(server.BaseUrl + "/audit?subject=support-golden/e2e-1");
        await Assertions.Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("dataset.version.created");
        File.Delete(file);
    }

    [Fact]
    public async Task Admin_VerifiesAuditChain()
    {
        var page = await server.SignInAsync("admin@demo.nuqta");

        await page.OpenAsync(server.BaseUrl + "/audit");
        await page.ClickAsync("[data-testid=verify-chain]");

        await Assertions.Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("The chain is intact");
    }
}
