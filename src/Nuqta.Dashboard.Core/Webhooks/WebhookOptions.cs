using Microsoft.Extensions.Options;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>Settings of webhook delivery. Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>False stops the background sender in this app instance (other instances still send).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often the sender looks for new events and due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one request may take, connection included, before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each later retry waits twice as long as the one before.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events fanned out, and deliveries sent, per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed delivery stays reserved for its sender. It must exceed
    /// <see cref="RequestTimeout"/>, or a slow attempt could be sent twice by two instances.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Reports every invalid webhook setting at start-up.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"Webhooks:PollInterval must be positive; it is {options.PollInterval}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Webhooks:RequestTimeout must be positive; it is {options.RequestTimeout}.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add($"Webhooks:MaxAttempts must be at least 1; it is {options.MaxAttempts}.");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            errors.Add($"Webhooks:FirstRetryDelay must be positive and at most Webhooks:MaxRetryDelay; they are {options.FirstRetryDelay} and {options.MaxRetryDelay}.");
        }

        if (options.BatchSize < 1)
        {
            errors.Add($"Webhooks:BatchSize must be at least 1; it is {options.BatchSize}.");
        }

        if (options.LeaseDuration <= options.RequestTimeout)
        {
            errors.Add($"Webhooks:LeaseDuration ({options.LeaseDuration}) must be longer than Webhooks:RequestTimeout ({options.RequestTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
