using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class ScorecardCsvTests
{
    [Fact]
    public void Write_NeutralisesFormulasInNames()
    {
        var csv = ScorecardCsv.Write(Scorecard(modelName: "=HYPERLINK(\"http://x\",\"y\")", dataset: "+sum", delta: 0.05));

        var line = csv.Split("\r\n")[1];
        Assert.StartsWith("2026-W49,,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",production,", line, StringComparison.Ordinal);
        Assert.Contains(",'+sum,", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KeepsNegativeNumbersNumeric()
    {
        var csv = ScorecardCsv.Write(Scorecard(modelName: "support-rag", dataset: "support-golden", delta: -0.05));

        var cells = csv.Split("\r\n")[1].Split(',');
        var header = ScorecardCsv.Header.ToList();
        Assert.Equal("-0.05", cells[header.IndexOf("change")]);
        Assert.Equal("worse", cells[header.IndexOf("change_direction")]);
        Assert.Equal("breached", cells[header.IndexOf("status")]);
        Assert.Equal("11 12", cells[header.IndexOf("run_ids")]);
    }

    [Fact]
    public void Write_AddsOneLinePerSloResult()
    {
        var csv = ScorecardCsv.Write(Scorecard(modelName: "support-rag", dataset: "support-golden", delta: 0));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",slo,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",<= 2500,", lines[2], StringComparison.Ordinal);
        Assert.Contains("dialect=maghrebi", lines[2], StringComparison.Ordinal);
    }

    private static ScorecardWeek Scorecard(string modelName, string dataset, double delta)
    {
        var change = new WeekChange(delta < 0 ? ChangeDirection.Worse : ChangeDirection.Better, delta, 0.8, "2026-W48", null);
        var cell = new ScorecardCell("faithfulness", "mean", 0.75, 0.7, 0.8, 150, 0, 3, SloStatus.Breached, ["faithfulness floor"], change, [], [11, 12]);
        var row = new ScorecardRow(dataset, "2026-10", 5, "regression", ["v1.2"], true, [cell], [11, 12]);
        var slo = new SloResult(1, "p95 latency", "latency_ms", "p95", "<=", 2500, "dialect", "maghrebi", SloStatus.Met, 2100, 150, 2, 20, null, [11], "support-golden");
        var model = new ScorecardModel(1, modelName, "support", ["v1.2"], true, [row], [slo], []);
        var columns = new[] { new ScorecardMetricColumn(1, "faithfulness", "Faithfulness", "mean", "higher", "", 0, 1) };
        return new ScorecardWeek("2026-W49", "UTC", DateTime.UnixEpoch, DateTime.UnixEpoch, null, null, null, columns, [model], [], null);
    }
}
