using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Access;

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes, int ExpiresInDays = 90, Guid? ServiceAccountId = null);

public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string Owner,
    string OwnerKind,
    DateTime CreatedAtUtc,
    DateTime ExpiresAtUtc,
    DateTime? RevokedAtUtc,
    DateTime? LastUsedAtUtc,
    string CreatedBy,
    bool OwnerDisabled = false);

/// <summary>A new key and its secret, which is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>Why a presented key was not accepted.</summary>
public enum ApiKeyFailure
{
    Unknown,
    Revoked,
    Expired,
    OwnerDisabled,
}

/// <summary>A presented key that was accepted, and the actor it acts as.</summary>
public sealed record ApiKeyIdentity(Actor Actor, Guid KeyId);

/// <summary>
/// Creates, lists, revokes and checks API keys. Users create personal keys; admins create keys for
/// service accounts and see every key. A key's scopes must be ones its owner's roles grant.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    /// <summary>Longest lifetime of a key, in days.</summary>
    public const int MaxLifetimeDays = 365;

    private const string SecretPrefix = "nqk_";

    public async Task<CreatedApiKey> CreateAsync(Actor actor, CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new InputErrorCollector();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors.Add(new InputError("name is required (at most 100 characters): say what the key is for, for example 'CI uploads'", "name", Value: request.Name));
        }

        if (request.ExpiresInDays is < 1 or > MaxLifetimeDays)
        {
            errors.Add(new InputError($"expiresInDays must be between 1 and {MaxLifetimeDays}", "expiresInDays", Value: request.ExpiresInDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var scopes = request.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            errors.Add(new InputError("choose at least one scope", "scopes"));
        }

        foreach (var unknown in scopes.Where(s => !Scopes.IsKnown(s)))
        {
            errors.Add(new InputError($"scope '{unknown}' is unknown; use {string.Join(", ", Scopes.All)}", "scopes", Value: unknown));
        }

        errors.ThrowIfAny();

        var secret = NewSecret();
        return await writer.RunAsync(actor, async db =>
        {
            string ownerName;
            string ownerKind;
            IReadOnlySet<string> ownerRoles;
            string? ownerUserId = null;
            Guid? ownerServiceAccountId = null;
            if (request.ServiceAccountId is { } serviceAccountId)
            {
                actor.Demand(Permission.Administer);
                var account = await db.ServiceAccounts.FirstOrDefaultAsync(a => a.Id == serviceAccountId, cancellationToken)
                    ?? throw new NotFoundException($"No service account has id {serviceAccountId}.");
                if (account.Disabled)
                {
                    throw new InputValidationException($"service account '{account.Name}' is disabled; enable it before creating keys", "serviceAccountId", account.Name);
                }

                ownerName = account.Name;
                ownerKind = nameof(ActorKind.ServiceAccount);
                ownerRoles = account.RoleSet;
                ownerServiceAccountId = account.Id;
            }
            else
            {
                actor.Demand(Permission.CreatePersonalKeys);
                if (actor.Kind != ActorKind.User)
                {
                    throw new AccessDeniedException("Only a signed-in user can create a personal key.");
                }

                ownerName = actor.Name;
                ownerKind = nameof(ActorKind.User);
                ownerRoles = actor.Roles;
                ownerUserId = actor.Id;
            }

            var grantable = AccessMatrix.GrantableScopes(ownerRoles);
            var refused = scopes.Where(s => !grantable.Contains(s)).ToList();
            if (refused.Count > 0)
            {
                throw new InputValidationException(
                    $"{ownerName}'s roles ({string.Join(", ", ownerRoles.Select(Roles.DisplayName))}) do not grant the scope(s) {string.Join(", ", refused)}; grantable: {string.Join(", ", grantable)}",
                    "scopes",
                    string.Join(" ", refused));
            }

            var now = time.GetUtcNow().UtcDateTime;
            var key = new ApiKey
            {
                Id = Guid.NewGuid(),
                Name = request.Name.Trim(),
                Prefix = secret[..12],
                SecretHash = Hash(secret),
                Scopes = string.Join(' ', scopes),
                OwnerUserId = ownerUserId,
                OwnerServiceAccountId = ownerServiceAccountId,
                CreatedBy = actor.Name,
                CreatedAtUtc = now,
                ExpiresAtUtc = now.AddDays(request.ExpiresInDays),
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);

            var view = ToView(key, ownerName, ownerKind);
            var after = new { name = key.Name, prefix = key.Prefix, owner = ownerName, ownerKind, scopes, expiresAt = key.ExpiresAtUtc };
            return new Audited<CreatedApiKey>(new CreatedApiKey(view, secret), new AuditEntry("apikey.created", "api-key", key.Id.ToString(), After: after, IsSecurityEvent: true));
        }, cancellationToken);
    }

    /// <summary>Creates a key with a secret chosen by the operator, for the demo's scripted access.</summary>
    public async Task<ApiKeyView> CreateWithSecretAsync(Actor actor, string userId, string userName, string name, string secret, IReadOnlyList<string> scopes, int days, CancellationToken cancellationToken = default)
    {
        if (secret.Length < 16)
        {
            throw new InputValidationException("the demo API key must be at least 16 characters long", "Demo:ApiKey");
        }

        return await writer.RunAsync(actor, async db =>
        {
            var hash = Hash(secret);
            var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
            if (existing is not null)
            {
                return new Audited<ApiKeyView>(ToView(existing, userName, nameof(ActorKind.User)), []);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var key = new ApiKey
            {
                Id = Guid.NewGuid(),
                Name = name,
                Prefix = secret[..Math.Min(12, secret.Length / 2)],
                SecretHash = hash,
                Scopes = string.Join(' ', scopes),
                OwnerUserId = userId,
                CreatedBy = actor.Name,
                CreatedAtUtc = now,
                ExpiresAtUtc = now.AddDays(days),
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            var after = new { name = key.Name, prefix = key.Prefix, owner = userName, scopes };
            return new Audited<ApiKeyView>(ToView(key, userName, nameof(ActorKind.User)), new AuditEntry("apikey.created", "api-key", key.Id.ToString(), After: after, IsSecurityEvent: true));
        }, cancellationToken);
    }

    /// <summary>Lists the actor's own keys, or every key when an admin requests all.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Actor actor, bool all, CancellationToken cancellationToken = default)
    {
        if (all)
        {
            actor.Demand(Permission.Administer);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = db.ApiKeys.AsNoTracking();
        if (!all)
        {
            keys = keys.Where(k => k.OwnerUserId == actor.Id);
        }

        var rows = await keys
            .OrderByDescending(k => k.CreatedAtUtc)
            .Select(k => new
            {
                Key = k,
                User = db.Users.Where(u => u.Id == k.OwnerUserId).Select(u => new { u.UserName, u.LockoutEnd }).FirstOrDefault(),
                Account = k.OwnerServiceAccount,
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows.Select(r => r.Account is not null
            ? ToView(r.Key, r.Account.Name, nameof(ActorKind.ServiceAccount)) with { OwnerDisabled = r.Account.Disabled }
            : ToView(r.Key, r.User?.UserName ?? "(deleted user)", nameof(ActorKind.User)) with { OwnerDisabled = r.User is null || r.User.LockoutEnd > now }).ToList();
    }

    /// <summary>Revokes a key. Its owner or an admin may do so; a revoked key stays listed.</summary>
    public async Task RevokeAsync(Actor actor, Guid keyId, CancellationToken cancellationToken = default)
    {
        await writer.RunAsync(actor, async db =>
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken)
                ?? throw new NotFoundException($"No API key has id {keyId}.");
            if (key.OwnerUserId != actor.Id)
            {
                actor.Demand(Permission.Administer);
            }

            if (key.RevokedAtUtc is not null)
            {
                throw new ConflictException($"The key '{key.Name}' was already revoked at {key.RevokedAtUtc:u}.");
            }

            key.RevokedAtUtc = time.GetUtcNow().UtcDateTime;
            var after = new { name = key.Name, prefix = key.Prefix, revokedAt = key.RevokedAtUtc };
            return new Audited<bool>(true, new AuditEntry("apikey.revoked", "api-key", key.Id.ToString(), After: after, IsSecurityEvent: true));
        }, cancellationToken);
    }

    /// <summary>
    /// Checks a presented secret. Returns the owner narrowed by the key's scopes, or the reason
    /// for refusal. The owner's current roles are read now, so removing a role takes effect at once.
    /// </summary>
    public async Task<(ApiKeyIdentity? Identity, ApiKeyFailure? Failure)> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.Include(k => k.OwnerServiceAccount).FirstOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
        if (key is null)
        {
            return (null, ApiKeyFailure.Unknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (key.RevokedAtUtc is not null)
        {
            return (null, ApiKeyFailure.Revoked);
        }

        if (key.ExpiresAtUtc <= now)
        {
            return (null, ApiKeyFailure.Expired);
        }

        Actor actor;
        if (key.OwnerServiceAccount is { } account)
        {
            if (account.Disabled)
            {
                return (null, ApiKeyFailure.OwnerDisabled);
            }

            actor = new Actor(ActorKind.ServiceAccount, account.Id.ToString(), account.Name, account.RoleSet, key.Id.ToString(), key.ScopeSet);
        }
        else
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == key.OwnerUserId, cancellationToken);
            if (user is null || (user.LockoutEnd is { } end && end > time.GetUtcNow()))
            {
                return (null, ApiKeyFailure.OwnerDisabled);
            }

            var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .ToListAsync(cancellationToken);
            actor = new Actor(ActorKind.User, user.Id, user.UserName ?? user.Id, roles.ToHashSet(StringComparer.Ordinal), key.Id.ToString(), key.ScopeSet);
        }

        // Recording the last use is a convenience, so it is written only when the stored time is over a
        // minute old. Two requests in the same moment may both write it, which is harmless.
        if (key.LastUsedAtUtc is null || now - key.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
        }

        return (new ApiKeyIdentity(actor, key.Id), null);
    }

    /// <summary>Returns the lowercase hex SHA-256 of the secret. Secrets are random, so no salt or stretching is needed.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder(SecretPrefix);
        for (var i = 0; i < 40; i++)
        {
            builder.Append(alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static ApiKeyView ToView(ApiKey key, string owner, string ownerKind) => new(
        key.Id,
        key.Name,
        key.Prefix,
        key.ScopeSet.OrderBy(s => Scopes.All.ToList().IndexOf(s)).ToList(),
        owner,
        ownerKind,
        key.CreatedAtUtc,
        key.ExpiresAtUtc,
        key.RevokedAtUtc,
        key.LastUsedAtUtc,
        key.CreatedBy);
}
