using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret-0123456789";
    private const string Body = "{\"id\":7,\"type\":\"rollback.executed\"}";
    private const long Timestamp = 1796371200;
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    // Expected values computed with Python's hmac module:
    // hmac.new(secret.encode(), f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
    [Fact]
    public void Create_MatchesIndependentHmac()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body);

        Assert.Equal("t=1796371200,v1=ab968f986a1767209130cac002facdd702a5d6575230fae8afde841ff9728ba5", header);
    }

    [Fact]
    public void Create_EncodesNonAsciiAsUtf8()
    {
        var hex = WebhookSignature.ComputeHex("سر-الاختبار-0123456789", Timestamp, "{\"model\":\"نقطة\"}");

        Assert.Equal("025b81fad11ac2acf9925614583c0eec8b5fe14297456117e16f864cf4e033ce", hex);
    }

    [Fact]
    public void Verify_AcceptsOwnSignature()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SentAt.AddSeconds(30), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_RejectsChangedBody()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(header, Secret, Body.Replace("7", "8"), SentAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_RejectsOtherSecret()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(header, Secret + "x", Body, SentAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_RejectsReplayAfterTolerance()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(header, Secret, Body, SentAt.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_RejectsChangedTimestamp()
    {
        var header = WebhookSignature.Create(Secret, Timestamp, Body).Replace("t=1796371200", "t=1796371260");

        Assert.False(WebhookSignature.Verify(header, Secret, Body, SentAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_AcceptsAnyOfSeveralV1Values()
    {
        var valid = WebhookSignature.ComputeHex(Secret, Timestamp, Body);
        var header = $"t={Timestamp},v1={new string('0', 64)},v1={valid}";

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SentAt, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=abc,v1=abc")]
    [InlineData("t=1796371200")]
    [InlineData("garbage")]
    public void Verify_RejectsMalformedHeader(string? header)
    {
        Assert.False(WebhookSignature.Verify(header, Secret, Body, SentAt, TimeSpan.FromMinutes(5)));
    }
}
