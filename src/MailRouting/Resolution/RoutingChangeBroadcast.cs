using MailRouting.Data;
using MailRouting.Outbox;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MailRouting.Resolution;

/// <summary>
/// Tells the other instances on the same PostgreSQL database that routing changed (NOTIFY), so they drop their
/// <see cref="RoutingCache"/> at once instead of after Routing:CacheSeconds. Other providers have no such signal and keep
/// that bound. A failed notification only costs the other instances that wait.
/// </summary>
public sealed class RoutingChangeBroadcast(DatabaseOptions database, WorkerIdentity identity, ILogger<RoutingChangeBroadcast> logger)
{
    public const string Channel = "mailrouting_routing";

    public bool Enabled => database.Provider == DatabaseProvider.PostgreSql;

    /// <summary>The notification's payload names the sender, so an instance ignores its own.</summary>
    public string Sender => identity.Name;

    public async Task PublishAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @sender)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("sender", Sender);
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Other instances were not told about a routing change; they see it within Routing:CacheSeconds: {Reason}", exception.Message);
        }
    }
}
