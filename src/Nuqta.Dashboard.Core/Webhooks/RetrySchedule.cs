namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>
/// Exponential backoff with "equal jitter": the nominal delay doubles after each failed attempt,
/// starting at <see cref="WebhookOptions.FirstRetryDelay"/> and capped at
/// <see cref="WebhookOptions.MaxRetryDelay"/>, and the actual delay is drawn uniformly between half
/// the nominal delay and the whole of it, so receivers that fail together are not retried together.
/// </summary>
public static class RetrySchedule
{
    /// <summary>Returns the nominal delay (before jitter) after the given number of failed attempts (1 or more).</summary>
    public static TimeSpan NominalDelay(int failedAttempts, WebhookOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);

        // 2^30 times any positive delay is past every sensible cap, and larger exponents would overflow.
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ticks = options.FirstRetryDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Returns the delay before the next attempt. <paramref name="unitRandom"/> is a number in [0, 1)
    /// that picks the point between half the nominal delay and the nominal delay.
    /// </summary>
    public static TimeSpan DelayAfter(int failedAttempts, WebhookOptions options, double unitRandom)
    {
        if (unitRandom is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(unitRandom), unitRandom, "must be in [0, 1)");
        }

        var nominal = NominalDelay(failedAttempts, options);
        return TimeSpan.FromTicks(nominal.Ticks / 2 + (long)(nominal.Ticks / 2 * unitRandom));
    }
}
