using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://hooks.example.com/nuqta")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://hooks.example.com:8443/path?team=legal")]
    [InlineData("  https://hooks.example.com/padded  ")]
    [InlineData("https://[::1]:9000/hook")]
    public void Check_AcceptsHttpAndHttps(string url)
    {
        Assert.Null(WebhookUrl.Check(url));
    }

    [Theory]
    [InlineData(null, "url is required")]
    [InlineData("   ", "url is required")]
    [InlineData("hooks.example.com/nuqta", "not an absolute URL")]
    [InlineData("/relative/path", "not an absolute URL")]
    [InlineData("ftp://files.example.com/drop", "'ftp' scheme")]
    [InlineData("file:///etc/passwd", "not an absolute URL")]
    [InlineData("javascript:alert(1)", "'javascript' scheme")]
    [InlineData("mailto:ops@example.com", "'mailto' scheme")]
    [InlineData("https://user:pass@hooks.example.com/", "user name or password")]
    [InlineData("https://hooks.example.com/hook#part", "fragment")]
    public void Check_RejectsWithReason(string? url, string expectedPart)
    {
        var error = WebhookUrl.Check(url);

        Assert.NotNull(error);
        Assert.Equal("url", error.Field);
        Assert.Contains(expectedPart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RejectsOverlongUrl()
    {
        var error = WebhookUrl.Check("https://hooks.example.com/" + new string('a', WebhookUrl.MaxLength));

        Assert.NotNull(error);
        Assert.Contains("the limit is 2000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DoesNotEchoPassword()
    {
        var error = WebhookUrl.Check("https://user:hunter2@hooks.example.com/");

        Assert.NotNull(error);
        Assert.DoesNotContain("hunter2", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_TrimsValidUrl()
    {
        Assert.Equal("https://hooks.example.com/a", WebhookUrl.Normalize(" https://hooks.example.com/a "));
    }
}
