using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;
using static Nuqta.Dashboard.Tests.Releases.LaunchScenario;

namespace Nuqta.Dashboard.Tests.Releases;

public sealed class LaunchHistoryTests
{
    [Fact]
    public async Task ModelHistory_IncludesLaunchEvents()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        var history = await host.Get<AuditSubjectHistory>().ReadAsync(Engineer, AuditSubjectTypes.Model, ModelName);

        Assert.Contains("launch.created", history.Actions);
        Assert.Contains("launch.submitted", history.Actions);
    }

    [Fact]
    public async Task AliasHistory_IncludesOnlyLaunchesOfThatAlias()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        var production = await host.Get<AuditSubjectHistory>().ReadAsync(Engineer, AuditSubjectTypes.Alias, $"{ModelName}/production");
        var canary = await host.Get<AuditSubjectHistory>().ReadAsync(Engineer, AuditSubjectTypes.Alias, $"{ModelName}/canary");

        Assert.Contains("launch.submitted", production.Actions);
        Assert.DoesNotContain("launch.submitted", canary.Actions);
    }
}
