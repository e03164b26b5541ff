using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly WebhookOptions Options = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromMinutes(10),
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    public void NominalDelay_DoublesAfterEachFailure(int failedAttempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetrySchedule.NominalDelay(failedAttempts, Options));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(20)]
    [InlineData(1000)]
    public void NominalDelay_CappedAtMaximum(int failedAttempts)
    {
        Assert.Equal(TimeSpan.FromMinutes(10), RetrySchedule.NominalDelay(failedAttempts, Options));
    }

    [Fact]
    public void DelayAfter_ZeroRandomHalvesDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), RetrySchedule.DelayAfter(3, Options, 0));
    }

    [Fact]
    public void DelayAfter_StaysBetweenHalfAndWhole()
    {
        var random = new Random(42);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var nominal = RetrySchedule.NominalDelay(attempt, Options);
            var delay = RetrySchedule.DelayAfter(attempt, Options, random.NextDouble());

            Assert.InRange(delay, nominal / 2, nominal);
        }
    }

    [Fact]
    public void DelayAfter_JitterSpreadsRetries()
    {
        var early = RetrySchedule.DelayAfter(4, Options, 0.1);
        var late = RetrySchedule.DelayAfter(4, Options, 0.9);

        Assert.True(late - early > TimeSpan.FromSeconds(90), $"0.1 gave {early}, 0.9 gave {late}");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void DelayAfter_RandomOutsideUnitIntervalThrows(double unitRandom)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.DelayAfter(1, Options, unitRandom));
    }

    [Fact]
    public void NominalDelay_ZeroFailuresThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.NominalDelay(0, Options));
    }

    [Fact]
    public void Validator_ReportsEveryInvalidSetting()
    {
        var options = new WebhookOptions { PollInterval = TimeSpan.Zero, MaxAttempts = 0, BatchSize = 0, LeaseDuration = TimeSpan.FromSeconds(5) };

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }
}
