using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Tests.Evaluation;

public sealed class MetricBadCountTests
{
    public static TheoryData<string?, double?> Thresholds => new()
    {
        { "lt", 0.5 },
        { "gt", 2500 },
        { "eq", 0 },
        { "lt", 0 },
        { null, null },
        { "gt", null },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void CountBadInSorted_EqualsTestingEachValue(string? badWhen, double? threshold)
    {
        var metric = new Metric { Key = "m", BadWhen = badWhen, BadThreshold = threshold };
        var random = new Random(5);

        // Values on both sides of each threshold, ties with it, -0.0 and both infinities.
        var values = Enumerable.Range(0, 5_000)
            .Select(_ => random.Next(6) switch
            {
                0 => threshold ?? 1,
                1 => -0.0,
                2 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                _ => (random.NextDouble() * 6000) - 1000,
            })
            .ToArray();
        Array.Sort(values);

        Assert.Equal(values.Count(metric.IsBad), metric.CountBadInSorted(values));
    }

    [Fact]
    public void CountBadInSorted_EmptySpan()
    {
        var metric = new Metric { Key = "m", BadWhen = "lt", BadThreshold = 0.5 };

        Assert.Equal(0, metric.CountBadInSorted([]));
    }
}
