using Nuqta.Dashboard.Core.Events;

namespace Nuqta.Dashboard.Components.Pages.Webhooks;

/// <summary>Display names of the event types, kept in one place for translation.</summary>
internal static class EventTypeNames
{
    public static string Display(string type) => type switch
    {
        EventTypes.LaunchSubmitted => "Launch submitted",
        EventTypes.LaunchApproved => "Launch approved",
        EventTypes.LaunchRejected => "Launch rejected",
        EventTypes.LaunchPromoted => "Launch promoted",
        EventTypes.RollbackExecuted => "Rollback executed",
        EventTypes.IncidentOpened => "Incident opened",
        EventTypes.SloBreached => "SLO breached",
        _ => type,
    };
}
