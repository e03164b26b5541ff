using System.Globalization;
using System.Text;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Writes a week's scorecard as CSV: one line per row and metric (section <c>production</c> or
/// <c>candidate</c>), then one line per SLO result (section <c>slo</c>). Every text cell goes
/// through <see cref="CsvCell.Escape"/>, so a model or dataset name cannot run as a spreadsheet formula.
/// </summary>
public static class ScorecardCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "week", "frozen_sha256", "model", "section", "versions", "dataset", "dataset_version", "kind", "metric", "aggregate",
        "value", "lower", "upper", "n", "missing", "bad", "status", "slo", "segment", "target", "change", "change_direction",
        "budget_left", "fast_burn", "slow_burn", "run_ids",
    ];

    public static string Write(ScorecardWeek scorecard)
    {
        var text = new StringBuilder();
        AppendLine(text, Header.Select(h => (Cell)h).ToList());
        foreach (var model in scorecard.Models)
        {
            foreach (var (row, section) in model.Rows.Select(r => (r, "production")).Concat(model.Candidates.Select(r => (r, "candidate"))))
            {
                foreach (var cell in row.Cells.Where(c => c.Count > 0))
                {
                    AppendLine(text,
                    [
                        scorecard.Week, scorecard.Freeze?.SnapshotSha256, model.Name, section, string.Join(" ", row.Versions), row.Dataset, row.DatasetVersion, row.Kind,
                        cell.MetricKey, cell.Aggregate, Number(cell.Value), Number(cell.Lower), Number(cell.Upper), Number(cell.Count), Number(cell.Missing), Number(cell.BadCount),
                        StatusName(cell.Status), string.Join(" ", cell.SloNames), null, null, Number(cell.Change.Delta), ChangeName(cell.Change.Direction),
                        null, null, null, string.Join(" ", cell.RunIds),
                    ]);
                }
            }

            foreach (var slo in model.Slos)
            {
                var segment = slo.Dimension is null ? null : $"{slo.Dimension}={slo.SegmentValue}";
                AppendLine(text,
                [
                    scorecard.Week, scorecard.Freeze?.SnapshotSha256, model.Name, "slo", string.Join(" ", model.ProductionVersions), slo.Dataset, null, null,
                    slo.MetricKey, slo.Aggregate, Number(slo.Figure), null, null, Number(slo.Examples), null, Number(slo.BadCount),
                    StatusName(slo.Status), slo.Name, segment, $"{slo.Comparator} {slo.Target.ToString(CultureInfo.InvariantCulture)}", null, null,
                    Number(slo.Budget?.Left), Flag(slo.Budget?.FastBurn), Flag(slo.Budget?.SlowBurn), string.Join(" ", slo.RunIds),
                ]);
            }
        }

        return text.ToString();
    }

    /// <summary>Returns the name the CSV and the API use for a status: <c>met</c>, <c>breached</c>, <c>insufficient-data</c> or <c>no-slo</c>.</summary>
    public static string StatusName(SloStatus status) => status switch
    {
        SloStatus.Met => "met",
        SloStatus.Breached => "breached",
        SloStatus.InsufficientData => "insufficient-data",
        _ => "no-slo",
    };

    /// <summary>Returns the name of a change direction: <c>better</c>, <c>worse</c>, <c>unchanged</c> or <c>not-comparable</c>.</summary>
    public static string ChangeName(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Better => "better",
        ChangeDirection.Worse => "worse",
        ChangeDirection.Unchanged => "unchanged",
        _ => "not-comparable",
    };

    private static void AppendLine(StringBuilder text, IReadOnlyList<Cell> cells)
    {
        // Numbers are written as they are: escaping would turn -0.05 into the text '-0.05.
        text.AppendJoin(',', cells.Select(c => c.IsNumber ? c.Text : CsvCell.Escape(c.Text)));
        text.Append("\r\n");
    }

    private static Cell Number(double? value) => new(value?.ToString(CultureInfo.InvariantCulture), true);

    private static Cell Number(int value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    private static Cell Flag(bool? value)
    {
        if (value is null)
        {
            return new Cell(null, true);
        }

        return new Cell(value.Value ? "true" : "false", true);
    }

    /// <summary>One CSV cell: text to escape, or a number written by this class.</summary>
    private readonly record struct Cell(string? Text, bool IsNumber)
    {
        public static implicit operator Cell(string? text) => new(text, false);
    }
}
