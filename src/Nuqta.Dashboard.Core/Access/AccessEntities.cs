namespace Nuqta.Dashboard.Core.Access;

/// <summary>A non-human identity that an admin creates for a team, for CI or automation.</summary>
public sealed class ServiceAccount
{
    public Guid Id { get; set; }

    /// <summary>Unique name, for example <c>ci-legal</c>.</summary>
    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public string Team { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Role names separated by commas.</summary>
    public string Roles { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public IReadOnlySet<string> RoleSet => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// An API key. The secret is shown once at creation; only its SHA-256 hash is stored. A key acts
/// as its owner (a user or a service account) narrowed by its scopes.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>First characters of the secret, shown so that people can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the UTF-8 secret.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>Scope names separated by spaces.</summary>
    public string Scopes { get; set; } = "";

    public string? OwnerUserId { get; set; }

    public Guid? OwnerServiceAccountId { get; set; }

    public ServiceAccount? OwnerServiceAccount { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public bool IsActive(DateTime nowUtc) => RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}

/// <summary>A one-time token that lets the first admin be created while no user exists.</summary>
public sealed class SetupToken
{
    public Guid Id { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}
