using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Tests.Evaluation;

public sealed class KeyDigestMapTests
{
    [Fact]
    public void Find_EveryAddedKey()
    {
        const int count = 50_000;
        using var map = new KeyDigestMap(count);
        for (var i = 0; i < count; i++)
        {
            map.Add(ExampleKeyDigest.Of($"ex-{i}"), i);
        }

        var found = Enumerable.Range(0, count).Count(i => map.Find(ExampleKeyDigest.Of($"ex-{i}")) == i);

        Assert.Equal(count, found);
        Assert.Equal(-1, map.Find(ExampleKeyDigest.Of("ex-50000")));
    }

    [Fact]
    public void Find_CollidingSlots()
    {
        // Digests with the same low half share a slot, and the high half separates them.
        using var map = new KeyDigestMap(4);
        map.Add(new ExampleKeyDigest(7, 1), 0);
        map.Add(new ExampleKeyDigest(7, 2), 1);
        map.Add(new ExampleKeyDigest(15, 3), 2);

        Assert.Equal(0, map.Find(new ExampleKeyDigest(7, 1)));
        Assert.Equal(1, map.Find(new ExampleKeyDigest(7, 2)));
        Assert.Equal(2, map.Find(new ExampleKeyDigest(15, 3)));
        Assert.Equal(-1, map.Find(new ExampleKeyDigest(7, 3)));
    }

    [Fact]
    public void Add_SameDigestKeepsLaterIndex()
    {
        using var map = new KeyDigestMap(3);
        map.Add(new ExampleKeyDigest(5, 5), 0);
        map.Add(new ExampleKeyDigest(5, 5), 2);

        Assert.Equal(2, map.Find(new ExampleKeyDigest(5, 5)));
    }

    [Fact]
    public void Add_IndexPastCapacity()
    {
        using var map = new KeyDigestMap(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => map.Add(new ExampleKeyDigest(1, 1), 2));
    }
}
