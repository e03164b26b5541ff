namespace Nuqta.Dashboard.Core.Releases;

/// <summary>A version of the model as target selection needs it.</summary>
public sealed record VersionFact(int Id, string Label, DateTime CreatedAtUtc);

/// <summary>One move of the alias: the version it pointed to from that time on.</summary>
public sealed record HolderFact(long MoveId, int? ToVersionId, DateTime MovedAtUtc);

/// <summary>A version that a rollback may return the alias to.</summary>
/// <param name="HeldUntilUtc">When the alias last moved away from this version; null when it never held the alias.</param>
/// <param name="RolledBackFrom">True when an earlier rollback of this alias moved away from this version.</param>
public sealed record RollbackTarget(int VersionId, string Label, DateTime? HeldUntilUtc, bool RolledBackFrom)
{
    public bool WasHolder => HeldUntilUtc is not null;
}

/// <summary>
/// Chooses the versions an alias may be rolled back to. Earlier holders come first, most recent
/// first, then versions registered before the current holder that never held the alias. The
/// default is the most recent earlier holder that no rollback moved away from, so a second
/// rollback never restores a version that was rolled back from.
/// </summary>
public static class RollbackTargets
{
    /// <param name="currentVersionId">The version the alias points to now.</param>
    /// <param name="moves">Every move of the alias, in any order.</param>
    /// <param name="rolledBackFrom">Ids of the versions that earlier rollbacks of this alias moved away from.</param>
    /// <param name="versions">Every version of the model.</param>
    public static IReadOnlyList<RollbackTarget> List(
        int currentVersionId,
        IEnumerable<HolderFact> moves,
        IReadOnlySet<int> rolledBackFrom,
        IEnumerable<VersionFact> versions)
    {
        var byId = versions.ToDictionary(v => v.Id);
        var newestFirst = moves.OrderByDescending(m => m.MovedAtUtc).ThenByDescending(m => m.MoveId).ToList();

        // A version held the alias from its move until the next newer move.
        var heldUntil = new Dictionary<int, DateTime>();
        for (var i = 1; i < newestFirst.Count; i++)
        {
            if (newestFirst[i].ToVersionId is { } id && !heldUntil.ContainsKey(id))
            {
                heldUntil[id] = newestFirst[i - 1].MovedAtUtc;
            }
        }

        var holders = heldUntil
            .Where(h => h.Key != currentVersionId && byId.ContainsKey(h.Key))
            .OrderByDescending(h => h.Value)
            .Select(h => new RollbackTarget(h.Key, byId[h.Key].Label, h.Value, rolledBackFrom.Contains(h.Key)));

        var currentCreated = byId.TryGetValue(currentVersionId, out var current) ? current.CreatedAtUtc : DateTime.MaxValue;
        var neverHeld = byId.Values
            .Where(v => v.Id != currentVersionId && !heldUntil.ContainsKey(v.Id) && v.CreatedAtUtc < currentCreated)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => new RollbackTarget(v.Id, v.Label, null, rolledBackFrom.Contains(v.Id)));

        return holders.Concat(neverHeld).ToList();
    }

    /// <summary>Returns the default target: the most recent earlier holder never rolled back from, or null.</summary>
    public static RollbackTarget? Default(IReadOnlyList<RollbackTarget> targets) =>
        targets.FirstOrDefault(t => t.WasHolder && !t.RolledBackFrom);
}
