using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultDataFolder = "App_Data";

    /// <summary>
    /// Reads Database:Provider and ConnectionStrings:MailRouting. SQLite defaults to App_Data/mailrouting.db, and
    /// a relative SQLite path is taken from the content root so the file does not move with the working directory.
    /// </summary>
    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider '{providerText}' is not supported; use Sqlite, SqlServer or PostgreSql.");
        }

        var connectionString = configuration.GetConnectionString("MailRouting");
        if (provider != DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException($"Database:Provider is {provider}, so ConnectionStrings:MailRouting must be set.")
                : new DatabaseOptions(provider, connectionString);
        }

        var sqlite = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultDataFolder}/mailrouting.db" : connectionString);
        if (sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, sqlite.DataSource));
        }

        return new DatabaseOptions(provider, sqlite.ToString());
    }

    /// <summary>The SQLite file, whose folder must exist before the first migration.</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;
}
