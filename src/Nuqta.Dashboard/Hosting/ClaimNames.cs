namespace Nuqta.Dashboard.Hosting;

/// <summary>Claim types that the API key scheme adds beside the standard ones.</summary>
public static class ClaimNames
{
    public const string ActorKind = "nuqta:actor-kind";
    public const string ApiKeyId = "nuqta:api-key";
    public const string Scope = "nuqta:scope";
}
