using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// Sends webhooks in the background: every poll interval it runs one delivery round, and while a
/// round finds work it runs the next one at once. All state lives in the database, so a restart
/// resumes pending deliveries and several instances can run this side by side.
/// </summary>
public sealed class WebhookDeliveryService(
    WebhookDeliveryRound round,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled)
        {
            logger.LogInformation("Webhook delivery is turned off in this instance (Webhooks:DeliveryEnabled is false)");
            return;
        }

        logger.LogInformation("Webhook delivery started; polling every {PollInterval}", options.Value.PollInterval);
        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await round.RunAsync(stoppingToken);
                consecutiveFailures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                // A locked or unreachable database must not stop delivery for good, so the round is
                // tried again. Only the first failure of a streak and every tenth after it is logged.
                consecutiveFailures++;
                if (consecutiveFailures == 1 || consecutiveFailures % 10 == 0)
                {
                    logger.LogError(ex, "A webhook delivery round failed ({FailureCount} in a row); retrying next round", consecutiveFailures);
                }
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        logger.LogInformation("Webhook delivery stopped");
    }
}
