using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class ColumnMappingTests
{
    private static TabularRow Row(long line, params (string Name, string? Value)[] fields) =>
        new(line, fields.ToDictionary(field => field.Name, field => field.Value));

    [Fact]
    public void Suggest_RagasColumns()
    {
        string[] columns = ["user_input", "retrieved_contexts", "response", "reference", "faithfulness", "found", "model"];
        var rows = new[]
        {
            Row(2, ("user_input", "q1"), ("retrieved_contexts", "['a']"), ("response", "r"), ("reference", "g"), ("faithfulness", "0.5"), ("found", "True"), ("model", "alpha")),
            Row(3, ("user_input", "q2"), ("retrieved_contexts", "['b']"), ("response", "r"), ("reference", "g"), ("faithfulness", ""), ("found", "False"), ("model", "alpha")),
        };

        var mapping = ColumnMappingSuggester.Suggest(columns, rows);

        Assert.Equal(ColumnRole.Input, mapping.RoleOf("user_input"));
        Assert.Equal(ColumnRole.Contexts, mapping.RoleOf("retrieved_contexts"));
        Assert.Equal(ColumnRole.Output, mapping.RoleOf("response"));
        Assert.Equal(ColumnRole.Reference, mapping.RoleOf("reference"));
        Assert.Equal(ColumnRole.Metric, mapping.RoleOf("faithfulness"));
        Assert.Equal(ColumnRole.Metric, mapping.RoleOf("found"));
        Assert.Equal(ColumnRole.Split, mapping.RoleOf("model"));
    }

    [Fact]
    public void Suggest_IdLikeNamesAndLegacyRagasNames()
    {
        string[] columns = ["exampleId", "question", "answer", "contexts", "ground_truth"];
        var rows = new[] { Row(2, ("exampleId", "e1"), ("question", "q"), ("answer", "a"), ("contexts", "[]"), ("ground_truth", "g")) };

        var mapping = ColumnMappingSuggester.Suggest(columns, rows);

        Assert.Equal(ColumnRole.Id, mapping.RoleOf("exampleId"));
        Assert.Equal(ColumnRole.Input, mapping.RoleOf("question"));
        Assert.Equal(ColumnRole.Output, mapping.RoleOf("answer"));
        Assert.Equal(ColumnRole.Contexts, mapping.RoleOf("contexts"));
        Assert.Equal(ColumnRole.Reference, mapping.RoleOf("ground_truth"));
    }

    [Fact]
    public void Suggest_TextColumns_SegmentOrIgnore()
    {
        string[] columns = ["input", "category", "notes", "score"];
        var rows = Enumerable.Range(0, 6)
            .Select(i => Row(i + 2, ("input", $"q{i}"), ("category", i % 2 == 0 ? "billing" : "shipping"), ("notes", $"free text number {i} that differs on every row"), ("score", "0.1")))
            .ToList();

        var mapping = ColumnMappingSuggester.Suggest(columns, rows);

        Assert.Equal(ColumnRole.Segment, mapping.RoleOf("category"));
        Assert.Equal(ColumnRole.Ignore, mapping.RoleOf("notes"));
        Assert.Equal(ColumnRole.Metric, mapping.RoleOf("score"));
    }

    [Fact]
    public void Suggest_SegmentAndReasonNames()
    {
        string[] columns = ["id", "segment_language", "faithfulness_reason", "faithfulness"];
        var rows = new[] { Row(2, ("id", "1"), ("segment_language", "a long value that would not look like a segment at all"), ("faithfulness_reason", "because"), ("faithfulness", "1")) };

        var mapping = ColumnMappingSuggester.Suggest(columns, rows);

        Assert.Equal(ColumnRole.Segment, mapping.RoleOf("segment_language"));
        Assert.Equal(ColumnRole.Judge, mapping.RoleOf("faithfulness_reason"));
    }

    [Fact]
    public void Suggest_MostlyNumericColumn_IsMetric()
    {
        string[] columns = ["id", "accuracy"];
        var rows = new[] { Row(2, ("id", "1"), ("accuracy", "0.9")), Row(3, ("id", "2"), ("accuracy", "high")) };

        Assert.Equal(ColumnRole.Metric, ColumnMappingSuggester.Suggest(columns, rows).RoleOf("accuracy"));
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var mapping = ColumnMapping.From(new Dictionary<string, ColumnRole>
        {
            ["a"] = ColumnRole.Output,
            ["b"] = ColumnRole.Output,
            ["missing"] = ColumnRole.Segment,
        });

        var error = Assert.Throws<InputValidationException>(() => mapping.Validate(["a", "b"]));

        Assert.Contains(error.Errors, e => e.Column == "missing");
        Assert.Contains(error.Errors, e => e.Message.Contains("output role"));
        Assert.Contains(error.Errors, e => e.Message.Contains("no id or input"));
        Assert.Contains(error.Errors, e => e.Message.Contains("no metric"));
    }

    [Fact]
    public void With_SingleRole_MovesRole()
    {
        var mapping = ColumnMapping.From(new Dictionary<string, ColumnRole> { ["model"] = ColumnRole.Split, ["retriever"] = ColumnRole.Segment });

        var changed = mapping.With("retriever", ColumnRole.Split);

        Assert.Equal(ColumnRole.Split, changed.RoleOf("retriever"));
        Assert.Equal(ColumnRole.Ignore, changed.RoleOf("model"));
    }

    [Theory]
    [InlineData("metric", ColumnRole.Metric)]
    [InlineData(" Segment ", ColumnRole.Segment)]
    [InlineData("ignore", ColumnRole.Ignore)]
    public void ParseRole_KnownNames(string name, ColumnRole expected)
    {
        Assert.Equal(expected, ColumnMapping.ParseRole(name));
    }

    [Fact]
    public void ParseRole_Unknown_IsInputError()
    {
        var error = Assert.Throws<InputValidationException>(() => ColumnMapping.ParseRole("score"));

        Assert.Equal("score", error.Errors[0].Value);
    }
}
