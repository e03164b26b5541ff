using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Access;

public sealed record ServiceAccountRequest(string Name, string? Team, string? Description, IReadOnlyList<string> Roles);

public sealed record ServiceAccountView(Guid Id, string Name, string Team, string Description, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedAtUtc, int ActiveKeys);

/// <summary>Creates and changes service accounts: non-human identities that CI and automation use through keys.</summary>
public sealed class ServiceAccountService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    public async Task<IReadOnlyList<ServiceAccountView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.ServiceAccounts.AsNoTracking()
            .OrderBy(a => a.NormalizedName)
            .Select(a => new { Account = a, Keys = db.ApiKeys.Count(k => k.OwnerServiceAccountId == a.Id && k.RevokedAtUtc == null && k.ExpiresAtUtc > now) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Account, r.Keys)).ToList();
    }

    public async Task<ServiceAccountView> CreateAsync(Actor actor, ServiceAccountRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var roles = Validate(request, requireName: true);
        var name = request.Name.Trim();
        var normalized = Names.Normalize(name);
        return await writer.RunAsync(actor, async db =>
        {
            if (await db.ServiceAccounts.AnyAsync(a => a.NormalizedName == normalized, cancellationToken))
            {
                throw new ConflictException($"A service account named '{name}' already exists.");
            }

            var account = new ServiceAccount
            {
                Id = Guid.NewGuid(),
                Name = name,
                NormalizedName = normalized,
                Team = request.Team?.Trim() ?? "",
                Description = request.Description?.Trim() ?? "",
                Roles = string.Join(',', roles),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.ServiceAccounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
            return new Audited<ServiceAccountView>(ToView(account, 0), new AuditEntry("service-account.created", "service-account", account.Name, After: Snapshot(account), IsSecurityEvent: true));
        }, cancellationToken);
    }

    /// <summary>Changes team, description, roles and whether the account is disabled; a disabled account's keys stop working.</summary>
    public async Task<ServiceAccountView> UpdateAsync(Actor actor, Guid id, ServiceAccountRequest request, bool disabled, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var roles = Validate(request, requireName: false);
        return await writer.RunAsync(actor, async db =>
        {
            var account = await db.ServiceAccounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw new NotFoundException($"No service account has id {id}.");
            var before = Snapshot(account);
            account.Team = request.Team?.Trim() ?? account.Team;
            account.Description = request.Description?.Trim() ?? account.Description;
            account.Roles = string.Join(',', roles);
            account.Disabled = disabled;
            var keys = await db.ApiKeys.CountAsync(k => k.OwnerServiceAccountId == id && k.RevokedAtUtc == null, cancellationToken);
            return new Audited<ServiceAccountView>(ToView(account, keys), new AuditEntry("service-account.updated", "service-account", account.Name, before, Snapshot(account), IsSecurityEvent: true));
        }, cancellationToken);
    }

    private static List<string> Validate(ServiceAccountRequest request, bool requireName)
    {
        var errors = new InputErrorCollector();
        if (requireName)
        {
            Registry.ModelRegistry.AddIfError(errors, Names.CheckName(request.Name, "name"));
        }

        var roles = request.Roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (roles.Count == 0)
        {
            errors.Add(new InputError("choose at least one role", "roles"));
        }

        foreach (var role in roles.Where(r => !Roles.IsKnown(r)))
        {
            errors.Add(new InputError($"role '{role}' is unknown; use {string.Join(", ", Roles.All)}", "roles", Value: role));
        }

        if (roles.Contains(Roles.ProductOwner))
        {
            errors.Add(new InputError("a service account cannot be a product owner: approving launches is a human act", "roles", Value: Roles.ProductOwner));
        }

        errors.ThrowIfAny();
        return roles;
    }

    private static object Snapshot(ServiceAccount a) => new { name = a.Name, team = a.Team, description = a.Description, roles = a.Roles, disabled = a.Disabled };

    private static ServiceAccountView ToView(ServiceAccount a, int keys) =>
        new(a.Id, a.Name, a.Team, a.Description, a.RoleSet.OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(), a.Disabled, a.CreatedAtUtc, keys);
}
