using MailRouting.Bounces;
using MailRouting.Bounces.Reading;
using MailRouting.Channels;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Workers;

/// <summary>
/// Runs one <see cref="BounceMailboxWatch"/> per channel that reads bounces, each on its own task; a channel whose
/// settings change gets a new watch, one that stops reading bounces loses its watch. The list is read again every few
/// seconds, at once when someone asks to check now.
/// </summary>
public sealed class BounceWorker(IServiceScopeFactory scopes, BounceSignal signal, IOptions<BounceOptions> options,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(3);

    private readonly Dictionary<int, (Guid Version, CancellationTokenSource Stop, Task Running)> watches = [];
    private readonly ILogger logger = loggers.CreateLogger<BounceWorker>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshAsync(stoppingToken);
                await signal.WaitAsync(Refresh, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var watch in watches.Values)
            {
                await watch.Stop.CancelAsync();
            }

            await Task.WhenAll(watches.Values.Select(w => w.Running));
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        Dictionary<int, Guid> wanted;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            wanted = await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().EmailChannels.AsNoTracking()
                .Where(c => c.ReadBounces && c.Incoming.Protocol == IncomingProtocol.Imap)
                .ToDictionaryAsync(c => c.Id, c => c.Version, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Listing the mailboxes that read bounces failed: {Reason}", exception.Message);
            return;
        }

        foreach (var (channelId, watch) in watches.Where(w => wanted.GetValueOrDefault(w.Key) != w.Value.Version)
            .ToList())
        {
            await watch.Stop.CancelAsync();
            _ = watch.Running.ContinueWith(_ => watch.Stop.Dispose(), TaskScheduler.Default);
            watches.Remove(channelId);
        }

        foreach (var (channelId, version) in wanted.Where(w => !watches.ContainsKey(w.Key)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var watch = new BounceMailboxWatch(channelId, scopes, signal, options.Value,
                loggers.CreateLogger<BounceMailboxWatch>());
            watches[channelId] = (version, stop, RunAsync(watch, stop.Token));
        }
    }

    private static async Task RunAsync(BounceMailboxWatch watch, CancellationToken ct)
    {
        try
        {
            await watch.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
