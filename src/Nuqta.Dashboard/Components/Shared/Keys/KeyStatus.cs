using MudBlazor;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Components.Shared.Keys;

/// <summary>Whether a key still authenticates. Revocation wins over expiry when both apply.</summary>
public enum KeyStatus
{
    Active,
    Expired,
    Revoked,

    /// <summary>The key is valid but its owner is locked or disabled, so it is refused.</summary>
    OwnerDisabled,
}

/// <summary>Derives a key's status and how the tables show it.</summary>
public static class KeyStatuses
{
    public static KeyStatus Of(ApiKeyView key, DateTime nowUtc)
    {
        if (key.RevokedAtUtc is not null)
        {
            return KeyStatus.Revoked;
        }

        if (key.ExpiresAtUtc <= nowUtc)
        {
            return KeyStatus.Expired;
        }

        return key.OwnerDisabled ? KeyStatus.OwnerDisabled : KeyStatus.Active;
    }

    public static string Label(KeyStatus status) => status switch
    {
        KeyStatus.Active => "Active",
        KeyStatus.Expired => "Expired",
        KeyStatus.OwnerDisabled => "Owner disabled",
        _ => "Revoked",
    };

    public static Color ChipColor(KeyStatus status) => status switch
    {
        KeyStatus.Active => Color.Success,
        KeyStatus.Expired or KeyStatus.OwnerDisabled => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Returns "User" or "Service account" for the owner kind that <see cref="ApiKeyService"/> reports.</summary>
    public static string OwnerKindLabel(string ownerKind) =>
        ownerKind == nameof(ActorKind.ServiceAccount) ? "Service account" : "User";
}
