using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Tests.Support;
using static Nuqta.Dashboard.Tests.Scorecards.ScorecardScenario;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class ScorecardFreezeTests
{
    private static readonly Actor ProductOwner = Actors.User("owner@example.com", Roles.ProductOwner);

    [Fact]
    public async Task Freeze_StoresHashedSnapshotAndAudits()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));

        var view = await host.Get<ScorecardFreezeService>().FreezeAsync(ProductOwner, Week);

        await using var db = host.CreateContext();
        var stored = await db.ScorecardFreezes.SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored.SnapshotJson))), view.SnapshotSha256);
        Assert.Equal("owner@example.com", stored.FrozenBy);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "scorecard.week.frozen");
        Assert.Equal("2026-W10", audit.SubjectId);
    }

    [Fact]
    public async Task LateImport_LeavesFrozenViewAndIsFlagged()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        await host.Get<ScorecardFreezeService>().FreezeAsync(ProductOwner, Week);
        var late = await ImportAsync(host, "v1", Tuesday.AddHours(3), Repeat(0.9), Repeat(1000), trial: 2);

        var frozen = await host.Get<ScorecardQueries>().GetWeekAsync(Week);

        Assert.True(frozen.IsFrozen);
        var cell = frozen.Models.Single().Rows.Single().Cells.Single(c => c.MetricKey == "faithfulness");
        Assert.Equal(0.6, cell.Value!.Value, 12);
        Assert.Equal(6, cell.Count);
        Assert.Equal(late, Assert.Single(frozen.ArrivedAfterFreeze).RunId);
    }

    [Fact]
    public async Task Unfreeze_ShowsLiveFiguresAgain()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        await host.Get<ScorecardFreezeService>().FreezeAsync(ProductOwner, Week);
        await ImportAsync(host, "v1", Tuesday.AddHours(3), Repeat(0.8), Repeat(1000), trial: 2);

        await host.Get<ScorecardFreezeService>().UnfreezeAsync(Actors.Admin, Week, "late production sample must be reviewed");
        var live = await host.Get<ScorecardQueries>().GetWeekAsync(Week);

        Assert.False(live.IsFrozen);
        Assert.Empty(live.ArrivedAfterFreeze);
        Assert.Equal(0.7, live.Models.Single().Rows.Single().Cells.Single(c => c.MetricKey == "faithfulness").Value!.Value, 12);
        await using var db = host.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "scorecard.week.unfrozen");
        Assert.Equal("late production sample must be reviewed", audit.Reason);
    }

    [Fact]
    public async Task Unfreeze_WithoutReason_Rejected()
    {
        await using var host = await StartAsync();
        await host.Get<ScorecardFreezeService>().FreezeAsync(ProductOwner, Week);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ScorecardFreezeService>().UnfreezeAsync(ProductOwner, Week, "  "));

        Assert.Equal("reason", error.Errors[0].Field);
    }

    [Fact]
    public async Task Freeze_Twice_Conflicts()
    {
        await using var host = await StartAsync();
        await host.Get<ScorecardFreezeService>().FreezeAsync(ProductOwner, Week);

        await Assert.ThrowsAsync<ConflictException>(() => host.Get<ScorecardFreezeService>().FreezeAsync(Actors.Admin, Week));
    }

    [Fact]
    public async Task Unfreeze_LiveWeek_NotFound()
    {
        await using var host = await StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => host.Get<ScorecardFreezeService>().UnfreezeAsync(ProductOwner, Week, "reason"));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Sre)]
    public async Task Freeze_OtherRoles_Denied(string role)
    {
        await using var host = await StartAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<ScorecardFreezeService>().FreezeAsync(Actors.User("someone@example.com", role), Week));
    }
}
