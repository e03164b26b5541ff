using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Routes for the weekly scorecard, under <c>/api/v1</c>.</summary>
public static class ScorecardApi
{
    // Statuses and directions travel as names ("breached", "not-comparable"), not as numbers.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static RouteGroupBuilder MapScorecardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/scorecards/{week}", GetScorecard).WithTags("Scorecards")
            .WithSummary("Get the weekly scorecard of an ISO week such as 2026-W49 (optional model; format=csv for CSV)");
        return api;
    }

    private static async Task<IResult> GetScorecard(string week, string? model, string? format, ClaimsPrincipal user, ActorAccessor actors, ScorecardQueries scorecards, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var isoWeek = IsoWeek.Parse(week);
        var wantsCsv = format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => throw new InputValidationException($"The format '{format}' is not supported; use json or csv.", "format", format),
        };

        var scorecard = await scorecards.GetWeekAsync(isoWeek, model, ct);
        if (!wantsCsv)
        {
            return Results.Json(scorecard, Json);
        }

        // The byte order mark makes spreadsheet programs read the file as UTF-8 (Arabic names stay readable).
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ScorecardCsv.Write(scorecard))).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", $"scorecard-{isoWeek}.csv");
    }
}
