using MailRouting.Outbox.SentCopy;

namespace MailRouting.Web.Workers;

/// <summary>
/// Copies sent messages to their senders' Sent folders, apart from delivery: up to <see cref="Parallel"/> copies at
/// once, each on its own task under its time limit, so a mailbox that answers slowly holds one place and nothing else.
/// </summary>
public sealed class SentCopyWorker(IServiceScopeFactory scopes, ILogger<SentCopyWorker> logger) : BackgroundService
{
    public const int Parallel = 4;

    /// <summary>How often it looks for due copies: a copy need not be made at once, and every instance looks.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await ClaimAsync(Parallel - running.Count, stoppingToken))
                {
                    running.Add(CopyAsync(id, stoppingToken));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Claiming copies to Sent failed");
            }

            await Task.WhenAny([.. running, Task.Delay(Poll, stoppingToken)]).ContinueWith(_ => { }, TaskScheduler.Default);
            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<IReadOnlyList<Guid>> ClaimAsync(int free, CancellationToken ct)
    {
        if (free <= 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SentCopyClaims>().ClaimAsync(free, ct);
    }

    private async Task CopyAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SentCopyRunner>().RunAsync(id, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The lease ends and the copy is tried again.
            logger.LogError(exception, "Copying message {MessageId} to Sent failed", id);
        }
    }
}
