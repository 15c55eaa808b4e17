using MailRouting.OAuth;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MailRouting.Data;

/// <summary>Runs at start: creates and migrates the database, then seeds roles, the first admin, the Internal server and the OAuth apps from configuration.</summary>
public sealed class DatabaseInitializer(MailRoutingDbContext db, DatabaseOptions options, AdminSeeder admins, InternalServerSeeder internalServer,
    OAuthAppService oauthApps)
{
    private const int MaxSeedAttempts = 5;

    public async Task<AdminSeeder.FirstAdmin?> InitializeAsync(CancellationToken ct)
    {
        if (options.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            // A type a migration created (citext), perhaps in another instance starting at the same moment, is unknown to
            // the types this instance read when it first connected.
            await db.Database.OpenConnectionAsync(ct);
            await postgres.ReloadTypesAsync(ct);
            await db.Database.CloseConnectionAsync();
        }

        if (options.SqliteFile is not null)
        {
            // Write-ahead logging lets the pages and the API read while the delivery worker writes; the mode stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return await SeedAsync(ct);
    }

    /// <summary>
    /// Instances started together on an empty database seed the same rows at once; the unique indexes let one win and the
    /// others fail. Seeding is idempotent, so a loser seeds again and finds the rows in place.
    /// </summary>
    private async Task<AdminSeeder.FirstAdmin?> SeedAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var firstAdmin = await admins.SeedAsync();
                await internalServer.SyncAsync(ct);
                await oauthApps.SyncConfiguredAsync(ct);
                return firstAdmin;
            }
            catch (Exception exception) when (attempt < MaxSeedAttempts && exception is DbUpdateException or InvalidOperationException)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }
}
