using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Tests.Evaluation;

public sealed class SegmentGroupsTests
{
    [Fact]
    public void Split_KeepsExampleOrder()
    {
        double[] first = [0.1, 0.2, double.NaN, 0.4];
        double[] second = [1.1, 1.2, 1.3, 1.4];
        int[] codes = [1, 0, 1, 2];

        using var groups = SegmentGroups.Split([first, second], codes, 3);

        Assert.Equal(3, groups.Count);
        Assert.Equal([0.2, 1.2], groups[0].ToArray());
        Assert.Equal([0.1, double.NaN, 1.1, 1.3], groups[1].ToArray());
        Assert.Equal([0.4, 1.4], groups[2].ToArray());
    }

    [Fact]
    public void Split_ValuesPastCodes()
    {
        double[] values = [5, 6, 7, 8];
        int[] codes = [2, 2];

        using var groups = SegmentGroups.Split([values], codes, 3);

        Assert.True(groups[0].IsEmpty);
        Assert.True(groups[1].IsEmpty);
        Assert.Equal([5.0, 6.0], groups[2].ToArray());
    }

    [Fact]
    public void Split_CodesOutsideRange()
    {
        double[] values = [5, 6, 7, 8];
        int[] codes = [0, -1, 2, 1];

        using var groups = SegmentGroups.Split([values], codes, 2);

        Assert.Equal([5.0], groups[0].ToArray());
        Assert.Equal([8.0], groups[1].ToArray());
    }
}
