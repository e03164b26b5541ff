using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Hosting;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Creates the demo's behavioural SLOs for every model: p95 latency_ms at most 2,500, cited
    /// support good-rate at least 0.90 and non-toxic good-rate at least 0.995.
    /// </summary>
    private async Task SeedSlosAsync(Actor seeder, CancellationToken cancellationToken)
    {
        var slos = services.GetRequiredService<SloService>();
        await slos.CreateAsync(seeder, new SloRequest("p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500), cancellationToken);
        await slos.CreateAsync(seeder, new SloRequest("cited support", "cited_support", "good-rate", SloComparator.AtLeast, 0.90), cancellationToken);
        await slos.CreateAsync(seeder, new SloRequest("non-toxic", "toxicity", "good-rate", SloComparator.AtLeast, 0.995), cancellationToken);
    }
}
