using MailRouting.OAuth;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MailRouting.Data;

/// <summary>Runs at start: creates and migrates the database, then seeds roles, the first admin, the Internal server and the OAuth apps from configuration.</summary>
public sealed class DatabaseInitializer(MailRoutingDbContext db, DatabaseOptions options, AdminSeeder admins, InternalServerSeeder internalServer,
    OAuthAppService oauthApps)
{
    private const int MaxSeedAttempts = 5;

    /// <summary>The advisory lock instances migrate a PostgreSQL database under (its key: "MR" in ASCII, then 1).</summary>
    private const string TakeMigrationLock = "SELECT pg_advisory_lock(1297219585)";

    private const string ReleaseMigrationLock = "SELECT pg_advisory_unlock(1297219585)";

    public async Task<AdminSeeder.FirstAdmin?> InitializeAsync(CancellationToken ct)
    {
        if (options.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            await MigratePostgreSqlAsync(postgres, ct);
        }
        else
        {
            await db.Database.MigrateAsync(ct);
        }

        if (options.SqliteFile is not null)
        {
            // Write-ahead logging lets the pages and the API read while the delivery worker writes; the mode stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return await SeedAsync(ct);
    }

    /// <summary>
    /// Instances starting at once on PostgreSQL migrate one after the other, under a session advisory lock: EF's own lock
    /// there is taken per migration, so two instances could both apply the next one ("relation already exists"). The
    /// history table is made first, so EF never logs its first look at a missing one as an error.
    /// </summary>
    private async Task MigratePostgreSqlAsync(NpgsqlConnection postgres, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance created it a moment earlier.
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(TakeMigrationLock, ct);
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            await db.Database.MigrateAsync(ct);
            // A type a migration created (citext), perhaps in another instance, is unknown to the types this instance read
            // when it first connected.
            await postgres.ReloadTypesAsync(ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(ReleaseMigrationLock, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
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
