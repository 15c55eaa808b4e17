using System.Diagnostics;
using Npgsql;

namespace MailRouting.IntegrationTests.Data;

/// <summary>
/// A private PostgreSQL cluster for one test run: initdb in a temporary folder, listening on a free port on loopback only,
/// stopped and deleted when the test process ends. The system's own cluster, if any, is never touched. Started on first use.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Instance = new(Start);

    private readonly string bin;
    private readonly string folder;

    private PostgresCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public static PostgresCluster Shared => Instance.Value;

    public int Port { get; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ToString();

    public void CreateDatabase(string name) => Execute($"CREATE DATABASE \"{name}\"");

    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Everything stored in the database as pg_dump writes it: what someone with a backup would read.</summary>
    public string Dump(string database) => Postgres("pg_dump", "-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", "--data-only", database);

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static PostgresCluster Start()
    {
        var bin = Environment.GetEnvironmentVariable("MAILROUTING_PG_BIN")
            ?? Directory.EnumerateDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed; run tests/install.sh as root.");
        var folder = Directory.CreateTempSubdirectory("mailrouting-pg-").FullName;
        var cluster = new PostgresCluster(bin, folder, AppProcess.FreePort());
        if (IsRoot)
        {
            // PostgreSQL refuses to run as root; the cluster belongs to the postgres account the package created.
            cluster.Run("chown", ["postgres:", folder]);
        }

        var data = Path.Combine(folder, "data");
        cluster.Postgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
        // A throwaway cluster: durability settings off make creating a database per test app fast.
        cluster.Postgres("pg_ctl", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(data);
        return cluster;
    }

    /// <summary>
    /// Stops the cluster and deletes its folder from a shell of its own: the test host may be ended before a slow delete
    /// finishes, and the shell outlives it.
    /// </summary>
    private void Stop(string data)
    {
        NpgsqlConnection.ClearAllPools();
        var stop = $"{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate -w stop";
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", $"{(IsRoot ? "runuser -u postgres -- " : "")}{stop} >/dev/null 2>&1; rm -rf {folder}" } };
        Process.Start(start)?.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>Runs one of PostgreSQL's programs; as root, as the postgres account.</summary>
    private string Postgres(string program, params string[] arguments) => IsRoot
        ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments])
        : Run(Path.Combine(bin, program), arguments);

    private static bool IsRoot => Environment.UserName == "root";

    /// <returns>What the program wrote to its standard output.</returns>
    private string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 2 minutes.");
        }

        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}");
    }
}
