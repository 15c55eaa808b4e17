using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailRouting.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets SQLite itself wait for a busy database (the API and the delivery
/// worker write at the same time) in steps of a few milliseconds; without it Microsoft.Data.Sqlite retries in steps of
/// 150 ms, which caps sending at a few dozen messages a second. mmap_size reads pages straight from the mapped file
/// instead of copying them, which matters because every write by another connection empties a connection's page cache.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
