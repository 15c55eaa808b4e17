using MailRouting.Data;
using MailRouting.Resolution;
using Npgsql;

namespace MailRouting.Web.Workers;

/// <summary>
/// On PostgreSQL, listens for the routing changes other instances announce and drops this instance's
/// <see cref="RoutingCache"/> the moment one arrives. While the connection is down the cache's own lifetime still bounds
/// how stale a resolve can be; after reconnecting the cache is dropped once, for whatever was missed.
/// </summary>
public sealed class RoutingChangeListener(DatabaseOptions database, RoutingChangeBroadcast broadcast, RoutingCache cache, ILogger<RoutingChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!broadcast.Enabled)
        {
            return;
        }

        // A connection of its own, outside the pool, kept alive through idle firewalls.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (notification.Payload != broadcast.Sender)
                    {
                        cache.Invalidate();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {RoutingChangeBroadcast.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Invalidate();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Not listening for routing changes of other instances (retrying in {Seconds} s): {Reason}", Reconnect.TotalSeconds, exception.Message);
                await Task.Delay(Reconnect, stoppingToken);
            }
        }
    }
}
