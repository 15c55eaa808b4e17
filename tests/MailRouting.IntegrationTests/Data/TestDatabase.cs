using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MailRouting.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MailRouting.IntegrationTests.Data;

/// <summary>
/// Where a test app keeps its data, for the whole run as MAILROUTING_TEST_DATABASE says: a SQLite file in the app's
/// folder (Sqlite, the default), or a database of the folder's own on the run's private cluster (PostgreSql).
/// </summary>
public static class TestDatabase
{
    private static readonly ConcurrentDictionary<string, bool> Created = new();

    public static DatabaseProvider Provider { get; } =
        Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("MAILROUTING_TEST_DATABASE") ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>Database:Provider and ConnectionStrings:MailRouting for an app whose files are in <paramref name="folder"/>; the database exists afterwards.</summary>
    /// <param name="name">Another database in the same folder.</param>
    public static Dictionary<string, string> SettingsFor(string folder, string name = "mailrouting")
    {
        if (!IsPostgreSql)
        {
            return new() { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:MailRouting"] = $"Data Source={Path.Combine(folder, name + ".db")}" };
        }

        var database = DatabaseName(folder, name);
        if (Created.TryAdd(database, true))
        {
            PostgresCluster.Shared.CreateDatabase(database);
        }

        return new() { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:MailRouting"] = PostgresCluster.Shared.ConnectionString(database) };
    }

    /// <summary>Closes pooled connections and drops the folder's databases, before the folder itself is deleted.</summary>
    public static void Drop(string folder)
    {
        SqliteConnection.ClearAllPools();
        if (!IsPostgreSql)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var database in Created.Keys.Where(d => d.StartsWith(FolderPrefix(folder), StringComparison.Ordinal)).ToList())
        {
            PostgresCluster.Shared.DropDatabase(database);
            Created.TryRemove(database, out _);
        }
    }

    /// <summary>Everything the app stored, as text: the files in its folder (SQLite and its log) and, on PostgreSQL, a dump of its database.</summary>
    public static string StoredText(string folder)
    {
        SqliteConnection.ClearAllPools();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(File.ReadAllText);
        var dumps = Created.Keys.Where(d => d.StartsWith(FolderPrefix(folder), StringComparison.Ordinal)).Select(PostgresCluster.Shared.Dump);
        return string.Join("\n", files.Concat(dumps));
    }

    /// <summary>One number from the folder's database, read while no app needs to run.</summary>
    public static long Count(string folder, string sql)
    {
        var settings = SettingsFor(folder);
        using System.Data.Common.DbConnection connection = IsPostgreSql
            ? new NpgsqlConnection(settings["ConnectionStrings:MailRouting"])
            : new SqliteConnection(settings["ConnectionStrings:MailRouting"] + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string DatabaseName(string folder, string name) => FolderPrefix(folder) + name;

    /// <summary>PostgreSQL names are at most 63 bytes: a hash stands for the folder.</summary>
    private static string FolderPrefix(string folder) => "mr_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16].ToLowerInvariant() + "_";
}
