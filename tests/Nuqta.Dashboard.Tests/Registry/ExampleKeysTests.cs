using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Tests.Registry;

public sealed class ExampleKeysTests
{
    [Fact]
    public void Whitespace_Collapsed()
    {
        var spaced = ExampleKeys.FromInput("  what is\t\tnuqta \n");

        Assert.Equal(ExampleKeys.FromInput("what is nuqta"), spaced);
    }

    [Fact]
    public void ComposedAndDecomposed_SameKey()
    {
        // "é" as one code point and as "e" plus a combining acute accent normalise to the same NFC text.
        var decomposed = ExampleKeys.FromInput("caf\u0065\u0301");

        Assert.Equal(ExampleKeys.FromInput("caf\u00e9"), decomposed);
    }

    [Fact]
    public void Diacritics_ChangeKey()
    {
        var marked = ExampleKeys.FromInput("\u0643\u064e\u062a\u064e\u0628\u064e");

        Assert.NotEqual(ExampleKeys.FromInput("\u0643\u062a\u0628"), marked);
    }

    [Fact]
    public void Case_ChangesKey()
    {
        Assert.NotEqual(ExampleKeys.FromInput("Nuqta"), ExampleKeys.FromInput("nuqta"));
    }

    [Fact]
    public void Key_PrefixAnd32HexDigits()
    {
        var key = ExampleKeys.FromInput("question");

        Assert.Matches("^h:[0-9a-f]{32}$", key);
    }
}
