using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Components.Shared.Keys;

/// <summary>The values of the create-key form while the user edits them.</summary>
public sealed class CreateKeyModel
{
    /// <summary>Lifetime in days that the form proposes. Core accepts 1 to <see cref="ApiKeyService.MaxLifetimeDays"/>.</summary>
    public const int DefaultLifetimeDays = 90;

    public string Name { get; set; } = "";

    public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);

    public int ExpiresInDays { get; set; } = DefaultLifetimeDays;

    /// <summary>Builds the Core request, with the scopes in the order of <see cref="Core.Access.Scopes.All"/>.</summary>
    public CreateApiKeyRequest ToRequest(Guid? serviceAccountId)
    {
        var scopes = Core.Access.Scopes.All.Where(Scopes.Contains).ToList();
        return new CreateApiKeyRequest(Name, scopes, ExpiresInDays, serviceAccountId);
    }
}
