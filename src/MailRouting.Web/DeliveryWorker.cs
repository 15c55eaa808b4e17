using MailRouting.Sending;

namespace MailRouting.Web;

/// <summary>Runs delivery passes until the app stops; idle, it looks for due messages once per poll interval.</summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, SendingOptions options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<OutboxDeliverer>().RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database hiccup must not stop delivery for good; leased messages are picked up again when the lease ends.
                logger.LogError(exception, "Delivery pass failed");
            }

            if (handled == 0)
            {
                await Task.Delay(options.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
