using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MailRouting.IntegrationTests.Data;

/// <summary>
/// SQL Server cannot run on these machines, so its side is proven without a server: the migrations produce an
/// idempotent script, and the model has no changes the migrations lack. SQLite and PostgreSQL get the same no-drift check
/// (and every integration test runs on both).
/// </summary>
public sealed class MigrationsTests
{
    private static MailRoutingDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<MailRoutingDbContext>();
        options.UseMailRoutingDatabase(new DatabaseOptions(provider, connectionString));
        return new MailRoutingDbContext(options.Options);
    }

    [Fact]
    public void SqlServer_IdempotentScript_CreatesEveryTableOnce()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=(no-server);Database=MailRouting");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", script);
        Assert.Contains("IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]", script.ReplaceLineEndings("\n"));
        foreach (var table in new[] { "SmtpServers", "AspNetUsers", "AspNetRoles", "DataProtectionKeys" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }

        Assert.Contains("WHERE [IsDefault] = 1", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_SmtpServers_Name]", script);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "Server=(no-server);Database=MailRouting")]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=no-server;Database=MailRouting")]
    public void Model_HasNoChangesMissingFromTheMigrations(DatabaseProvider provider, string connectionString)
    {
        using var db = Context(provider, connectionString);

        Assert.False(db.Database.HasPendingModelChanges(), $"Run: dotnet ef migrations add <Name> --project src/MailRouting.Migrations.{provider}");
    }

    /// <summary>PostgreSQL joined with one migration for the whole model as it then was; every change since is in all three.</summary>
    [Fact]
    public void EveryProvider_HasTheSameMigrations()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var sqlServer = Context(DatabaseProvider.SqlServer, "Server=(no-server);Database=MailRouting");
        using var postgreSql = Context(DatabaseProvider.PostgreSql, "Host=no-server;Database=MailRouting");

        static List<string> Names(MailRoutingDbContext db) => [.. db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..])];

        Assert.Equal(Names(sqlite), Names(sqlServer));
        Assert.NotEmpty(Names(sqlite));
        var sincePostgreSql = Names(postgreSql).Skip(1).ToList();
        Assert.Equal("Initial", Names(postgreSql)[0]);
        Assert.Equal(Names(sqlite).TakeLast(sincePostgreSql.Count), sincePostgreSql);
    }
}
