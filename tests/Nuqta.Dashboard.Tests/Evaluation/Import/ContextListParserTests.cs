using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class ContextListParserTests
{
    [Fact]
    public void TryParse_PythonListWithQuotesAndCommas()
    {
        var ok = ContextListParser.TryParse("['first, with a comma', \"it's quoted\", 'both \\'single\\' and \"double\"']", out var passages, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(["first, with a comma", "it's quoted", "both 'single' and \"double\""], passages);
    }

    [Fact]
    public void TryParse_PythonEscapes()
    {
        var ok = ContextListParser.TryParse(@"['tab\there', 'line\nbreak', 'e\u00e9', 'x\x41', 'back\\slash', 'emoji \U0001F600']", out var passages, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(["tab\there", "line\nbreak", "eé", "xA", "back\\slash", "emoji 😀"], passages);
    }

    [Fact]
    public void TryParse_JsonList()
    {
        var ok = ContextListParser.TryParse("[\"a \\\"quoted\\\" word\", \"\\u0645\\u0631\\u062d\\u0628\\u0627\"]", out var passages, out _);

        Assert.True(ok);
        Assert.Equal(["a \"quoted\" word", "مرحبا"], passages);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Empty_HasNoPassages(string? text)
    {
        Assert.True(ContextListParser.TryParse(text, out var passages, out _));
        Assert.Empty(passages);
    }

    [Fact]
    public void TryParse_PlainText_IsOnePassage()
    {
        Assert.True(ContextListParser.TryParse("Just one passage, not a list.", out var passages, out _));
        Assert.Equal(["Just one passage, not a list."], passages);
    }

    [Fact]
    public void TryParse_ArabicPythonList()
    {
        Assert.True(ContextListParser.TryParse("['المادة 1، الفقرة 2', 'نص ثان']", out var passages, out _));
        Assert.Equal(["المادة 1، الفقرة 2", "نص ثان"], passages);
    }

    [Theory]
    [InlineData("['not closed")]
    [InlineData("['a' 'b']")]
    [InlineData("['a'] trailing")]
    public void TryParse_Malformed_ReportsProblem(string text)
    {
        Assert.False(ContextListParser.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
