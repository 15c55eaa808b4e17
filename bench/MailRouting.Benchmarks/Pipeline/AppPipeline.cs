using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>What one run of the app's pipeline measured.</summary>
public sealed record PipelineRun(TimeSpan Elapsed, int SmtpSessions, long WorkingSetBytes);

/// <summary>
/// MailRouting itself, as its own process on a fresh SQLite file: the messages are posted to the API (one per request, or
/// batches of 100, from <see cref="Clients"/> concurrent HTTP clients), then go through the outbox, the delivery worker
/// and Postfix. The clock runs from the first POST until the API reports every message of the run Sent.
/// </summary>
public sealed class AppPipeline : IAsyncDisposable
{
    public const int Clients = 8;
    private const string AdminEmail = "bench@acme.test";
    private const string AdminPassword = "Bench-Pa55word!";

    private readonly string folder;
    private readonly Process process;
    private readonly HttpClient api;

    private AppPipeline(string folder, Process process, HttpClient api)
    {
        this.folder = folder;
        this.process = process;
        this.api = api;
    }

    /// <summary>Sends the workload from the channel whose server allows <paramref name="connections"/> parallel sessions.</summary>
    /// <param name="batch">Messages per request: 1 posts each to /api/v1/messages, more posts them to /api/v1/messages/batch.</param>
    public async Task<PipelineRun> RunAsync(HarnessMta mta, Workload workload, int connections, int batch)
    {
        var channelId = await ChannelAsync(mta, connections);
        var sentBefore = await SentAsync();
        var sessionsBefore = mta.Sessions;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            object Message(int i) => new { from = new { channelId }, to = new[] { workload.Recipient(i) }, subject = Workload.Subject(i), text = Workload.Body };
            for (var first = Interlocked.Add(ref next, batch) - batch + 1; first < workload.Count; first = Interlocked.Add(ref next, batch) - batch + 1)
            {
                var response = batch == 1
                    ? await api.PostAsJsonAsync("/api/v1/messages", Message(first))
                    : await api.PostAsJsonAsync("/api/v1/messages/batch",
                        new { messages = Enumerable.Range(first, Math.Min(batch, workload.Count - first)).Select(Message).ToList() });
                response.EnsureSuccessStatusCode();
            }
        }));
        while (await SentAsync() - sentBefore < workload.Count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Only {await SentAsync() - sentBefore} of {workload.Count} messages were sent in five minutes.");
            }

            await Task.Delay(50);
        }

        var elapsed = clock.Elapsed;
        process.Refresh();
        return new PipelineRun(elapsed, mta.Sessions - sessionsBefore, process.WorkingSet64);
    }

    /// <summary>The app with a fresh database; it runs for the whole benchmark, as a server does, so the JIT has settled.</summary>
    public static async Task<AppPipeline> StartAsync()
    {
        var port = FreePort();
        var appFolder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(appFolder, "MailRouting.Web.dll"));
        var folder = Path.Combine(Path.GetTempPath(), $"mailrouting-bench-app-{Guid.NewGuid():N}");
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--ConnectionStrings:MailRouting=Data Source={Path.Combine(folder, "mailrouting.db")}");
        start.ArgumentList.Add($"--Logging:FilePath={Path.Combine(folder, "logs", "app-.log")}");
        start.Environment["MAILROUTING_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["MAILROUTING_ADMIN_PASSWORD"] = AdminPassword;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; attempt < 150 && !await HealthyAsync(api); attempt++)
        {
            await Task.Delay(200);
        }

        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AppPipeline(folder, process, api);
    }

    private readonly Dictionary<int, int> channels = [];

    /// <summary>A server signed in as the support account with the given number of parallel sessions, and its channel.</summary>
    private async Task<int> ChannelAsync(HarnessMta mta, int connections)
    {
        if (channels.TryGetValue(connections, out var known))
        {
            return known;
        }

        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Harness Postfix, {connections} sessions", host = HarnessMta.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = HarnessMta.Login, password = HarnessMta.Password, pinnedCertificateSha256 = mta.CertificateSha256,
            maxConcurrentSessions = connections,
        });
        server.EnsureSuccessStatusCode();
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        // Channel addresses are unique, so each server's channel has its own; the server account may send as both.
        var address = connections == 1 ? HarnessMta.Login : $"support+{connections}@acme.test";
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Support {connections}", address, displayName = "Acme Support", serverId });
        channel.EnsureSuccessStatusCode();
        return channels[connections] = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Read from the app's SQLite file, so watching costs the app nothing (asking its API ten times a second would).</summary>
    private async Task<int> SentAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "mailrouting.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Outbox WHERE Status = 'Sent'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> HealthyAsync(HttpClient api)
    {
        try
        {
            return (await api.GetAsync("/healthz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
