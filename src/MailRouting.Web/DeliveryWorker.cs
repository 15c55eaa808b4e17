using MailRouting.Delivery;
using MailRouting.Sending;

namespace MailRouting.Web;

/// <summary>
/// Runs delivery passes until the app stops, keeping its SMTP sessions open between passes so consecutive messages for
/// one account share a session; idle, it waits for a newly queued message or the poll interval, and closes idle sessions.
/// </summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, SendingOptions options, OutboxSignal outbox, ISmtpConnector connector, TimeProvider time,
    ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sessions = new SmtpSessions(time, connector);
        try
        {
            await DeliverUntilStoppedAsync(sessions, stoppingToken);
        }
        finally
        {
            await sessions.DisposeAsync();
            await ReleaseSessionSlotsAsync();
        }
    }

    private async Task DeliverUntilStoppedAsync(SmtpSessions sessions, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<OutboxDeliverer>().RunOnceAsync(sessions, stoppingToken);
                await sessions.CloseIdleAsync(options.IdleSession);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database hiccup must not stop delivery for good; leased messages are picked up again when the lease ends.
                logger.LogError(exception, "Delivery pass failed");
            }

            if (handled == 0)
            {
                // Idle sessions keep their slots only while a pass renews them.
                await outbox.WaitAsync(options.PollInterval < options.Lease / 3 ? options.PollInterval : options.Lease / 3, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// A stopping instance gives its session slots back at once (its sessions are closed by now), so the other instances,
    /// or this one started again, need not wait for them to expire.
    /// </summary>
    private async Task ReleaseSessionSlotsAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SessionSlots>().SyncAsync([], timeout.Token);
        }
        catch (Exception exception)
        {
            logger.LogWarning("The session slots of this instance were not given back; they free up when their lease ends: {Reason}", exception.Message);
        }
    }
}
