namespace Nuqta.Dashboard.Components.Shared;

/// <summary>States that a page shows instead of its content.</summary>
public enum StatusKind
{
    Loading,
    Empty,
    NotFound,
    Error,
}
