using MailRouting.OAuth;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Data;

/// <summary>Runs at start: creates and migrates the database, then seeds roles, the first admin, the Internal server and the OAuth apps from configuration.</summary>
public sealed class DatabaseInitializer(MailRoutingDbContext db, DatabaseOptions options, AdminSeeder admins, InternalServerSeeder internalServer,
    OAuthAppService oauthApps)
{
    public async Task<AdminSeeder.FirstAdmin?> InitializeAsync(CancellationToken ct)
    {
        if (options.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(ct);
        if (options.SqliteFile is not null)
        {
            // Write-ahead logging lets the pages and the API read while the delivery worker writes; the mode stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        var firstAdmin = await admins.SeedAsync();
        await internalServer.SyncAsync(ct);
        await oauthApps.SyncConfiguredAsync(ct);
        return firstAdmin;
    }
}
