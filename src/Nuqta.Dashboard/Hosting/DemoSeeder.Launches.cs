using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;

namespace Nuqta.Dashboard.Hosting;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Saves the comparison of support-rag v2.0 against v1.2 on the golden set and submits a
    /// production launch request of v2.0 by the demo engineer. Its gate fails on faithfulness in
    /// the maghrebi dialect, so product owners find a request that needs two overrides or a rejection.
    /// </summary>
    private async Task SeedLaunchesAsync(CancellationToken cancellationToken)
    {
        string engineerId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            engineerId = await db.Users.Where(u => u.UserName == "engineer@demo.nuqta").Select(u => u.Id).FirstAsync(cancellationToken);
        }

        var engineer = await users.LoadActorAsync(engineerId, cancellationToken)
            ?? throw new InvalidOperationException("The demo engineer was not created.");
        var candidate = new ComparisonSide(Model: "support-rag", Version: "v2.0", Dataset: "support-golden", DatasetVersion: "2026-10");
        var comparison = await services.GetRequiredService<ComparisonService>().SaveAsync(
            engineer, new ComparisonRequest(candidate, candidate with { Version = "v1.2" }), cancellationToken);
        await services.GetRequiredService<LaunchService>().CreateAsync(
            engineer, new CreateLaunchRequest("support-rag", "production", "v2.0", comparison.Id), cancellationToken);
    }
}
