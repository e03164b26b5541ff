using Microsoft.AspNetCore.Identity;

namespace Nuqta.Dashboard.Core.Access;

/// <summary>A person who signs in. Roles come from ASP.NET Core Identity's role store.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>Name shown in the app bar and the audit trail.</summary>
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
