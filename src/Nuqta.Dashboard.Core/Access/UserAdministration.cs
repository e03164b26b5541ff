using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Access;

public sealed record UserView(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, DateTime? LockedUntilUtc, int FailedSignIns, DateTime CreatedAtUtc);

public sealed record CreateUserRequest(string Email, string DisplayName, IReadOnlyList<string> Roles, string? Password);

/// <summary>A user account change that produced a password to hand to the person once.</summary>
public sealed record UserWithPassword(UserView User, string? TemporaryPassword);

/// <summary>
/// Manages people's accounts through ASP.NET Core Identity: create, assign roles, lock, unlock and
/// reset passwords. Each act runs in its own scope and transaction together with its audit event.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IWriteTransactions transactions, AuditTrail audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NuqtaDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return users.Select(u => ToView(u, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList())).ToList();
    }

    /// <summary>Returns the user's current roles from the database, or null when the user is gone or locked out.</summary>
    public async Task<Actor?> LoadActorAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NuqtaDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || IsLocked(user))
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        return new Actor(ActorKind.User, user.Id, user.UserName ?? user.Id, roles.ToHashSet(StringComparer.Ordinal));
    }

    public Task<UserWithPassword> CreateAsync(Actor actor, CreateUserRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        return CreateCoreAsync(actor, request, "user.created", cancellationToken);
    }

    /// <summary>Creates a user without a permission check, for first-run setup and the demo seed.</summary>
    public Task<UserWithPassword> CreateUncheckedAsync(Actor actor, CreateUserRequest request, string action, CancellationToken cancellationToken = default) =>
        CreateCoreAsync(actor, request, action, cancellationToken);

    private async Task<UserWithPassword> CreateCoreAsync(Actor actor, CreateUserRequest request, string action, CancellationToken cancellationToken)
    {
        var roles = ValidateRoles(request.Roles);
        var email = request.Email?.Trim() ?? "";
        if (!email.Contains('@') || email.Length > 200)
        {
            throw new InputValidationException($"email '{email}' is invalid; the user signs in with it", "email", email);
        }

        var password = string.IsNullOrEmpty(request.Password) ? GeneratePassword() : request.Password;
        return await RunAsync(actor, async (users, db) =>
        {
            if (await users.FindByNameAsync(email) is not null)
            {
                throw new ConflictException($"A user '{email}' already exists.");
            }

            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim(),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, password), "password");
            Check(await users.AddToRolesAsync(user, roles), "roles");
            var view = ToView(user, roles);
            var entry = new AuditEntry(action, "user", email, After: new { userName = email, displayName = user.DisplayName, roles }, IsSecurityEvent: true);
            return (new UserWithPassword(view, string.IsNullOrEmpty(request.Password) ? password : null), entry);
        }, cancellationToken);
    }

    public async Task<UserView> SetRolesAsync(Actor actor, string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var wanted = ValidateRoles(roles);
        return await RunAsync(actor, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No user has id {userId}.");
            var current = (await users.GetRolesAsync(user)).ToList();
            if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
            {
                var admins = await users.GetUsersInRoleAsync(Roles.Admin);
                if (admins.Count(a => !IsLocked(a)) <= 1)
                {
                    throw new ConflictException($"{user.UserName} is the last active admin; make another user admin first.");
                }
            }

            Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)), "roles");
            Check(await users.AddToRolesAsync(user, wanted.Except(current)), "roles");
            await users.UpdateSecurityStampAsync(user);
            var entry = new AuditEntry("user.roles.changed", "user", user.UserName!, new { roles = current }, new { roles = wanted }, IsSecurityEvent: true);
            return (ToView(user, wanted), entry);
        }, cancellationToken);
    }

    /// <summary>Locks a user out until an admin unlocks them; their open sessions end at the next check.</summary>
    public async Task<UserView> LockAsync(Actor actor, string userId, string? reason, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        if (userId == actor.Id)
        {
            throw new InputValidationException("you cannot lock your own account", "userId");
        }

        return await RunAsync(actor, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No user has id {userId}.");
            await users.SetLockoutEnabledAsync(user, true);
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), "lockout");
            await users.UpdateSecurityStampAsync(user);
            var entry = new AuditEntry("user.locked", "user", user.UserName!, After: new { locked = true }, Reason: reason, IsSecurityEvent: true);
            return (ToView(user, await users.GetRolesAsync(user)), entry);
        }, cancellationToken);
    }

    public async Task<UserView> UnlockAsync(Actor actor, string userId, string? reason, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        return await RunAsync(actor, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No user has id {userId}.");
            Check(await users.SetLockoutEndDateAsync(user, null), "lockout");
            Check(await users.ResetAccessFailedCountAsync(user), "lockout");
            var entry = new AuditEntry("user.unlocked", "user", user.UserName!, After: new { locked = false }, Reason: reason, IsSecurityEvent: true);
            return (ToView(user, await users.GetRolesAsync(user)), entry);
        }, cancellationToken);
    }

    /// <summary>Sets a new random password and returns it once, for the admin to hand over.</summary>
    public async Task<UserWithPassword> ResetPasswordAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var password = GeneratePassword();
        return await RunAsync(actor, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException($"No user has id {userId}.");
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password), "password");
            var entry = new AuditEntry("user.password.reset", "user", user.UserName!, IsSecurityEvent: true);
            return (new UserWithPassword(ToView(user, await users.GetRolesAsync(user)), password), entry);
        }, cancellationToken);
    }

    /// <summary>Records a failed sign-in or a lockout. The attempted user name is kept; the password never is.</summary>
    public async Task RecordSignInFailureAsync(string attemptedUserName, bool lockedOut, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NuqtaDbContext>();
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var name = attemptedUserName.Length > 200 ? attemptedUserName[..200] : attemptedUserName;
        var actor = new Actor(ActorKind.User, "anonymous", name, new HashSet<string>());
        var action = lockedOut ? "user.lockedout" : "user.signin.failed";
        await audit.AppendAsync(db, actor, new AuditEntry(action, "user", name, IsSecurityEvent: true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<T> RunAsync<T>(Actor actor, Func<UserManager<AppUser>, NuqtaDbContext, Task<(T Result, AuditEntry Entry)>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NuqtaDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var (result, entry) = await change(users, db);
        await audit.AppendAsync(db, actor, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static List<string> ValidateRoles(IReadOnlyList<string> roles)
    {
        var list = roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        var errors = new InputErrorCollector();
        if (list.Count == 0)
        {
            errors.Add(new InputError("choose at least one role", "roles"));
        }

        foreach (var role in list.Where(r => !Roles.IsKnown(r)))
        {
            errors.Add(new InputError($"role '{role}' is unknown; use {string.Join(", ", Roles.All)}", "roles", Value: role));
        }

        errors.ThrowIfAny();
        return list;
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(result.Errors.Select(e => new InputError(e.Description, field)).ToList());
        }
    }

    private bool IsLocked(AppUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    // Returns when a temporary lockout ends, or null when the user is not locked or locked until an admin unlocks.
    private DateTime? LockedUntil(AppUser user)
    {
        if (user.LockoutEnd is not { } end || end <= time.GetUtcNow() || end == DateTimeOffset.MaxValue)
        {
            return null;
        }

        return end.UtcDateTime;
    }

    private UserView ToView(AppUser user, IEnumerable<string> roles) => new(
        user.Id,
        user.UserName ?? "",
        user.DisplayName,
        roles.OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(),
        IsLocked(user),
        LockedUntil(user),
        user.AccessFailedCount,
        user.CreatedAtUtc);

    /// <summary>Returns a random 20-character password that meets the password policy.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "-_.!@#";
        var all = lower + upper + digits + symbols;
        var builder = new StringBuilder();
        builder.Append(lower[RandomNumberGenerator.GetInt32(lower.Length)]);
        builder.Append(upper[RandomNumberGenerator.GetInt32(upper.Length)]);
        builder.Append(digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        builder.Append(symbols[RandomNumberGenerator.GetInt32(symbols.Length)]);
        while (builder.Length < 20)
        {
            builder.Append(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return builder.ToString();
    }
}
