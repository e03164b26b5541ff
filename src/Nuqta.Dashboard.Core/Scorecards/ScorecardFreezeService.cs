using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Scorecards;

// TODO: remove once the method bodies use every dependency.
#pragma warning disable CS9113
/// <summary>
/// Freezes a reviewed week: stores the scorecard as canonical JSON with its SHA-256 and an audit
/// event in one transaction. Unfreezing needs a reason and is audited. Product owners and admins only.
/// </summary>
public sealed class ScorecardFreezeService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, ScorecardQueries queries, TimeProvider time)
{
    /// <summary>Freezes the week's current scorecard (all models).</summary>
    /// <exception cref="Common.AccessDeniedException">The actor lacks <see cref="Permission.FreezeWeeks"/>.</exception>
    /// <exception cref="Common.ConflictException">The week is already frozen.</exception>
    public Task<ScorecardFreezeView> FreezeAsync(Actor actor, IsoWeek week, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Unfreezes the week, so that it shows live figures again.</summary>
    /// <exception cref="Common.InputValidationException">The reason is empty.</exception>
    /// <exception cref="Common.NotFoundException">The week is not frozen.</exception>
    public Task UnfreezeAsync(Actor actor, IsoWeek week, string reason, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
