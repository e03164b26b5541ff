using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Evaluation;

namespace Nuqta.Dashboard.Tests.Registry;

/// <summary>Key digests stored with a dataset version, on a real SQLite file.</summary>
public sealed class ExampleKeyDigestStoreTests
{
    private const string Results =
        "id,faithfulness\n" +
        "q2,0.5\n" +
        "q6,0.9\n" +
        "q1,0.2\n";

    [Fact]
    public async Task Create_StoresDigestOfEachKey()
    {
        await using var host = await ImportScenario.StartAsync();
        await using var db = host.CreateContext();
        var version = await db.DatasetVersions.SingleAsync();
        var keys = await db.DatasetExamples.Where(e => e.DatasetVersionId == version.Id).OrderBy(e => e.ExampleIndex).Select(e => e.Key).ToListAsync();

        var read = new List<(ExampleKeyDigest Digest, int Index)>();
        var found = ExampleKeyDigestStore.TryRead(db, version.Id, version.RowCount, (digest, index) => read.Add((digest, index)));

        Assert.True(found);
        Assert.Equal(6, read.Count);
        Assert.Equal(keys.Select((key, index) => (ExampleKeyDigest.Of(key), index)), read);
    }

    [Fact]
    public async Task TryRead_WrongExampleCount()
    {
        await using var host = await ImportScenario.StartAsync();
        await using var db = host.CreateContext();
        var version = await db.DatasetVersions.SingleAsync();
        var handed = 0;

        var found = ExampleKeyDigestStore.TryRead(db, version.Id, version.RowCount + 1, (_, _) => handed++);

        Assert.False(found);
        Assert.Equal(0, handed);
    }

    [Fact]
    public async Task Import_WithoutStoredDigests_JoinsByKeys()
    {
        // A version created before digests were stored has none; the import reads its key strings.
        await using var host = await ImportScenario.StartAsync();
        await using (var db = host.CreateContext())
        {
            Assert.Equal(1, await db.DatasetKeyDigests.ExecuteDeleteAsync());
        }

        var outcome = await ImportScenario.ImportAsync(host, Results);

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(3, run.MatchedRows);
        Assert.Equal(0, run.UnmatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal([0.2, 0.5, double.NaN, double.NaN, double.NaN, 0.9], values);
    }

    [Fact]
    public async Task Import_WithStoredDigests_JoinsByKeys()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, Results);

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(3, run.MatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal([0.2, 0.5, double.NaN, double.NaN, double.NaN, 0.9], values);
    }
}
