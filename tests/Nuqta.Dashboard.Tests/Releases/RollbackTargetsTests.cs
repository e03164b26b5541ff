using Nuqta.Dashboard.Core.Releases;

namespace Nuqta.Dashboard.Tests.Releases;

public sealed class RollbackTargetsTests
{
    private static readonly DateTime Start = new(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc);

    // Versions 1, 2, 3 registered a day apart; 4 registered last.
    private static readonly VersionFact[] Versions =
    [
        new(1, "v1", Start),
        new(2, "v2", Start.AddDays(1)),
        new(3, "v3", Start.AddDays(2)),
        new(4, "v4", Start.AddDays(3)),
    ];

    [Fact]
    public void Default_IsMostRecentEarlierHolder()
    {
        var moves = Moves(1, 2, 3);

        var targets = RollbackTargets.List(3, moves, new HashSet<int>(), Versions);

        Assert.Equal("v2", RollbackTargets.Default(targets)?.Label);
        Assert.Equal(["v2", "v1"], targets.Select(t => t.Label));
    }

    [Fact]
    public void SecondRollback_SkipsVersionRolledBackFrom()
    {
        // v1 → v2 → v3, then a rollback from v3 to v2: v3 is marked.
        var moves = Moves(1, 2, 3, 2);

        var targets = RollbackTargets.List(2, moves, new HashSet<int> { 3 }, Versions);

        Assert.Equal("v1", RollbackTargets.Default(targets)?.Label);
        var v3 = Assert.Single(targets, t => t.Label == "v3");
        Assert.True(v3.RolledBackFrom);
    }

    [Fact]
    public void Default_NoneWhenAllHoldersRolledBackFrom()
    {
        // v1 → v2 → v3, a rollback to v2, then a second rollback from v2 to v1: v3 and v2 are marked.
        var moves = Moves(1, 2, 3, 2, 1);

        var targets = RollbackTargets.List(1, moves, new HashSet<int> { 3, 2 }, Versions);

        Assert.Null(RollbackTargets.Default(targets));
        Assert.All(targets, t => Assert.True(t.RolledBackFrom));
    }

    [Fact]
    public void Targets_ExcludeCurrentVersion()
    {
        var targets = RollbackTargets.List(2, Moves(1, 2), new HashSet<int>(), Versions);

        Assert.DoesNotContain(targets, t => t.VersionId == 2);
    }

    [Fact]
    public void Targets_IncludeOlderVersionsThatNeverHeld()
    {
        // v3 took production directly; v1 and v2 were registered before it but never held it.
        var targets = RollbackTargets.List(3, Moves(3), new HashSet<int>(), Versions);

        Assert.Equal(["v2", "v1"], targets.Select(t => t.Label));
        Assert.All(targets, t => Assert.False(t.WasHolder));
        Assert.Null(RollbackTargets.Default(targets));
    }

    [Fact]
    public void Targets_ExcludeNewerVersionsThatNeverHeld()
    {
        var targets = RollbackTargets.List(2, Moves(1, 2), new HashSet<int>(), Versions);

        Assert.DoesNotContain(targets, t => t.Label is "v3" or "v4");
    }

    [Fact]
    public void HeldUntil_IsTimeOfNextMove()
    {
        var moves = Moves(1, 2, 3);

        var targets = RollbackTargets.List(3, moves, new HashSet<int>(), Versions);

        Assert.Equal(Start.AddDays(10), targets.Single(t => t.Label == "v1").HeldUntilUtc);
        Assert.Equal(Start.AddDays(20), targets.Single(t => t.Label == "v2").HeldUntilUtc);
    }

    [Fact]
    public void MovesAtSameTime_OrderByMoveId()
    {
        // Two moves in the same instant: the later id is the newer move.
        HolderFact[] moves = [new(1, 1, Start), new(2, 2, Start), new(3, 3, Start)];

        var targets = RollbackTargets.List(3, moves, new HashSet<int>(), Versions);

        Assert.Equal("v2", RollbackTargets.Default(targets)?.Label);
    }

    /// <summary>Moves to the given versions, ten days apart, in order.</summary>
    private static List<HolderFact> Moves(params int[] versionIds) =>
        versionIds.Select((id, i) => new HolderFact(i + 1, id, Start.AddDays(10 * i))).ToList();
}
