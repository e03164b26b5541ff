using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Access;

/// <summary>Settings of first-run setup. Section <c>Setup</c>.</summary>
public sealed class SetupOptions
{
    public const string SectionName = "Setup";

    /// <summary>How long the first-run setup link stays valid, in hours.</summary>
    public int TokenLifetimeHours { get; set; } = 24;
}

/// <summary>
/// First run: while no user exists, the app issues a one-time setup token; the link that carries
/// it creates the first admin, once, before it expires. No default password exists.
/// </summary>
public sealed class SetupService(IDbContextFactory<NuqtaDbContext> contexts, UserAdministration users, IOptions<SetupOptions> options, TimeProvider time)
{
    /// <summary>True while no user exists, so the setup page is open.</summary>
    public async Task<bool> IsSetupPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Issues a new setup token when no user exists and returns it, or returns null. Earlier
    /// unused tokens are invalidated, so only the newest link works.
    /// </summary>
    public async Task<string?> IssueTokenIfNoUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.SetupTokens.Where(t => t.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAtUtc, now), cancellationToken);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.SetupTokens.Add(new SetupToken
        {
            Id = Guid.NewGuid(),
            TokenHash = ApiKeyService.Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddHours(options.Value.TokenLifetimeHours),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Returns null when the token can be used now, or the reason it cannot.</summary>
    public async Task<string?> CheckTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return "The setup link has no token. Use the full link from the server log.";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return "Setup is already complete. Sign in instead.";
        }

        var hash = ApiKeyService.Hash(token.Trim());
        var stored = await db.SetupTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null)
        {
            return "The setup link is not valid. Use the newest link from the server log.";
        }

        if (stored.UsedAtUtc is not null)
        {
            return "The setup link was already used.";
        }

        if (stored.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return "The setup link has expired. Restart the app to get a new link in the server log.";
        }

        return null;
    }

    /// <summary>Creates the first admin with the token, and spends the token.</summary>
    /// <exception cref="InputValidationException">The token cannot be used, or the password breaks the policy.</exception>
    public async Task CompleteAsync(string token, string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var problem = await CheckTokenAsync(token, cancellationToken);
        if (problem is not null)
        {
            throw new InputValidationException(problem, "token");
        }

        var hash = ApiKeyService.Hash(token.Trim());
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Spending the token first makes a second submission of the same link fail, even if it races this one.
            var spent = await db.SetupTokens
                .Where(t => t.TokenHash == hash && t.UsedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtUtc, time.GetUtcNow().UtcDateTime), cancellationToken);
            if (spent == 0)
            {
                throw new InputValidationException("The setup link was already used.", "token");
            }
        }

        var actor = new Actor(ActorKind.System, "setup", "first-run setup", new HashSet<string> { Roles.Admin });
        await users.CreateUncheckedAsync(actor, new CreateUserRequest(email, displayName, [Roles.Admin], password), "setup.completed", cancellationToken);
    }
}
