using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>
/// Rows join their examples by position while the file follows the dataset's order, and by the
/// map of all keys from the first row out of order. Both give the same values.
/// </summary>
public sealed class ImportJoinOrderTests
{
    [Fact]
    public async Task InOrder_JoinsEveryRow()
    {
        await using var host = await ImportScenario.StartAsync();

        var values = await ImportFaithfulnessAsync(host, "q1,0.1\nq2,0.2\nq3,0.3\nq4,0.4\nq5,0.5\nq6,0.6\n");

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], values);
    }

    [Fact]
    public async Task OutOfOrderMidway_JoinsEveryRow()
    {
        await using var host = await ImportScenario.StartAsync();

        var values = await ImportFaithfulnessAsync(host, "q1,0.1\nq2,0.2\nq5,0.5\nq3,0.3\nq6,0.6\n");

        Assert.Equal([0.1, 0.2, 0.3, double.NaN, 0.5, 0.6], values);
    }

    [Fact]
    public async Task UnknownKeyMidway_CountsUnmatched()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.1\nq9,0.9\nq2,0.2\n");

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(2, run.MatchedRows);
        Assert.Equal(1, run.UnmatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal([0.1, 0.2, double.NaN, double.NaN, double.NaN, double.NaN], values);
    }

    [Fact]
    public async Task RepeatedKeyInOrder_IsRejected()
    {
        await using var host = await ImportScenario.StartAsync();

        var error = await Assert.ThrowsAsync<Nuqta.Dashboard.Core.Common.InputValidationException>(
            () => ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.1\nq2,0.2\nq2,0.3\n"));

        Assert.Contains("same example as line 3", error.Message);
    }

    [Theory]
    [InlineData("What is the boiling point of water?,0.4\nWho wrote Hamlet?,0.5\n", new[] { double.NaN, double.NaN, double.NaN, 0.4, 0.5, double.NaN })]
    [InlineData("Who wrote Hamlet?,0.5\nWhat is the boiling point of water?,0.4\n", new[] { double.NaN, double.NaN, double.NaN, 0.4, 0.5, double.NaN })]
    public async Task NoIdField_JoinsByInput(string rows, double[] expected)
    {
        await using var host = await ImportScenario.StartAsync(idField: null);

        var outcome = await ImportScenario.ImportAsync(host, "question,faithfulness\n" + rows);

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(2, run.MatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal(expected, values);
    }

    private static async Task<double[]> ImportFaithfulnessAsync(CoreHost host, string rows)
    {
        var outcome = await ImportScenario.ImportAsync(host, "id,faithfulness\n" + rows);
        return await ImportScenario.LoadValuesAsync(host, Assert.Single(outcome.Runs).Id, "faithfulness");
    }
}
