using MailRouting.Connections;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Delivery.Api;

namespace MailRouting.Web.Workers;

/// <summary>
/// Runs delivery passes until the app stops, keeping its SMTP sessions open between passes so consecutive messages for
/// one account share a session; idle, it waits for a newly queued message or the poll interval, and closes idle
/// sessions. Copying to Sent is not part of a pass: <see cref="SentCopyWorker"/> does it.
/// </summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, SendingOptions options, OutboxSignal outbox,
    ISmtpConnector connector,
    GraphTransport graph, GmailTransport gmail, Dkim.DkimSigners dkim, TimeProvider time,
        ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    /// <summary>Passes at once: each sends through servers none of the others does.</summary>
    public const int MaxPasses = 4;

    /// <summary>
    /// How long the newest pass runs before another may start beside it: a pass that long may be stuck on a slow
    /// server.
    /// </summary>
    public static readonly TimeSpan SlowPass = TimeSpan.FromSeconds(1);

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

    /// <summary>
    /// Runs a pass, and the next one as soon as it handled something. A pass still running after <see
    /// cref="SlowPass"/>, when the poll interval or a newly queued message comes, may be stuck on a slow server, so
    /// another starts beside it, for the other servers' mail.
    /// </summary>
    private async Task DeliverUntilStoppedAsync(SmtpSessions sessions, CancellationToken stoppingToken)
    {
        using var inFlight = new ServersInFlight();
        var passes = new List<Task<int>>();
        Task<bool>? wake = null;
        var startPass = true;
        var lastStarted = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (startPass && passes.Count < MaxPasses)
            {
                passes.Add(PassAsync(sessions, inFlight, stoppingToken));
                lastStarted = time.GetUtcNow();
            }

            // Idle sessions keep their slots only while a pass renews them.
            wake ??= outbox.WaitAsync(options.PollInterval < options.Lease / 3 ? options.PollInterval : options.Lease / 3, stoppingToken);
            await Task.WhenAny([.. passes, wake]);
            var running = passes.Count(p => !p.IsCompleted);
            startPass = passes.Any(p => p.IsCompletedSuccessfully && p.Result > 0)
                || (wake.IsCompleted && (running == 0 || time.GetUtcNow() - lastStarted >= SlowPass));
            wake = wake.IsCompleted ? null : wake;
            passes.RemoveAll(p => p.IsCompleted);
            if (passes.Count == 0)
            {
                await sessions.CloseIdleAsync(options.IdleSession);
            }
        }

        await Task.WhenAll(passes);
    }

    /// <returns>How many messages the pass handled; none when it failed.</returns>
    private async Task<int> PassAsync(SmtpSessions sessions, ServersInFlight inFlight, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DeliveryPass>().RunOnceAsync(
                new MailTransports(new SmtpTransport(sessions, dkim), graph, gmail), inFlight, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A database hiccup must not stop delivery for good; leased messages are picked up again when the
            // lease ends.
            logger.LogError(exception, "Delivery pass failed");
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A stopping instance gives its session slots back at once (its sessions are closed by now), so the other
    /// instances, or this one started again, need not wait for them to expire.
    /// </summary>
    private async Task ReleaseSessionSlotsAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SessionSlots>().SyncAsync([], [], timeout.Token);
        }
        catch (Exception exception)
        {
            logger.LogWarning("The session slots of this instance were not given back; they free up when their lease ends: {Reason}", exception.Message);
        }
    }
}
