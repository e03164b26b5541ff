using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;

namespace Nuqta.Dashboard.IntegrationTests;

/// <summary>The demo database contains a submitted launch request that product owners can decide on.</summary>
public sealed class DemoLaunchTests(DemoDataTests.DemoApp app) : IClassFixture<DemoDataTests.DemoApp>
{
    [Fact]
    public async Task Demo_HasFailingLaunchOfCandidate()
    {
        var queries = app.Factory.Services.GetRequiredService<LaunchQueries>();

        var open = await queries.ListAsync(Actor.System, new LaunchListQuery(State: "submitted", Model: "support-rag"));

        var summary = Assert.Single(open.Items);
        Assert.Equal("v2.0", summary.CandidateVersion);
        Assert.Equal("v1.2", summary.BaselineVersion);
        Assert.Equal("engineer@demo.nuqta", summary.RequestedBy);
        var launch = await queries.GetAsync(Actor.System, summary.Id);
        Assert.Equal(GateVerdict.Fail, launch.Evidence!.Gate.Verdict);
        Assert.Contains(launch.Evidence.Gate.Reasons, r => r.Contains("dialect=maghrebi", StringComparison.Ordinal));
    }
}
