using Nuqta.Dashboard.Core.Audit;

namespace Nuqta.Dashboard.Components.Pages.Audit;

/// <summary>Builds the addresses of the per-subject history pages.</summary>
public static class AuditLinks
{
    public static string ModelHistory(string model) => $"audit/history/{AuditSubjectTypes.Model}/{Uri.EscapeDataString(model)}";

    public static string VersionHistory(string model, string label) =>
        $"audit/history/{AuditSubjectTypes.ModelVersion}/{Uri.EscapeDataString(model)}/{Uri.EscapeDataString(label)}";

    public static string AliasHistory(string model, string alias) =>
        $"audit/history/{AuditSubjectTypes.Alias}/{Uri.EscapeDataString(model)}/{Uri.EscapeDataString(alias)}";
}
