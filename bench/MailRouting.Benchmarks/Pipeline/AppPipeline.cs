using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailRouting.Benchmarks.Memory;
using MailRouting.Benchmarks.Targets;
using MailRouting.TestAuthServer;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>
/// What one run of the app's pipeline measured. The working set (resident memory) includes the pages of SQLite's mapped
/// database file, which the kernel drops when it needs the room; private memory is what only the process can give back.
/// Memory is the largest instance's, CPU time and allocations are summed over the instances.
/// </summary>
/// <param name="MachineBusy">The share of all cores' time the whole machine was busy during the run.</param>
public sealed record PipelineRun(TimeSpan Elapsed, int SmtpSessions, long WorkingSetBytes,
    long PrivateBytes, TimeSpan Cpu, long AllocatedBytes, double MachineBusy);

/// <summary>
/// MailRouting itself, as its own processes (one, or several instances on one database) on a fresh SQLite file or
/// PostgreSQL database: the messages are posted to the API (one per request, or batches of 100, from <see cref="Clients"/>
/// concurrent HTTP clients spread over the instances), then go through the outbox, the delivery workers and Postfix. The
/// clock runs from the first POST until the database holds every message of the run as Sent.
/// </summary>
public sealed class AppPipeline : IAsyncDisposable
{
    public const int Clients = 8;
    private const string AdminEmail = "bench@acme.test";
    private const string AdminPassword = "Bench-Pa55word!";

    private readonly string folder;
    private readonly string? postgres;
    private readonly IReadOnlyList<Process> processes;
    private readonly IReadOnlyList<HttpClient> apis;
    private readonly IReadOnlyList<ProcessCost> costs;

    private AppPipeline(string folder, string? postgres, IReadOnlyList<Process> processes, IReadOnlyList<HttpClient> apis)
    {
        this.folder = folder;
        this.postgres = postgres;
        this.processes = processes;
        this.apis = apis;
        costs = [.. processes.Select(ProcessCost.Watch)];
    }

    /// <summary>Every instance's API, signed in as the admin.</summary>
    public IReadOnlyList<HttpClient> Apis => apis;

    public IReadOnlyList<int> ProcessIds => [.. processes.Select(p => p.Id)];

    private HttpClient Admin => apis[0];

    /// <summary>Sends the workload from the channel whose server allows <paramref name="connections"/> parallel sessions.</summary>
    /// <param name="batch">Messages per request: 1 posts each to /api/v1/messages, more posts them to /api/v1/messages/batch.</param>
    /// <param name="sending">How the server signs in and how long it keeps a session.</param>
    public async Task<PipelineRun> RunAsync(ISmtpTarget mta, Workload workload, int connections, int batch,
        Sending? sending = null) =>
        await RunAsync(await ChannelAsync(mta, connections, sending ?? Sending.Password), () => mta.Sessions, workload,
            batch);

    /// <summary>
    /// Sends the workload as the channel; <paramref name="sessions"/> counts the sessions its server opened.
    /// </summary>
    public async Task<PipelineRun> RunAsync(int channelId, Func<int> sessions, Workload workload, int batch)
    {
        var sentBefore = await SentAsync();
        var sessionsBefore = sessions();
        var costBefore = await CostAsync();
        var machineBefore = MachineCpu.Read();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var instance = apis[client % apis.Count];
            object Message(int i) => new { from = new { channelId }, to = new[] { workload.Recipient(i) }, subject = Workload.Subject(i), text = Workload.Body };
            for (var first = Interlocked.Add(ref next, batch) - batch + 1; first < workload.Count; first = Interlocked.Add(ref next, batch) - batch + 1)
            {
                var response = batch == 1
                    ? await instance.PostAsJsonAsync("/api/v1/messages", Message(first))
                    : await instance.PostAsJsonAsync("/api/v1/messages/batch",
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
        var machineBusy = MachineCpu.Read().BusySince(machineBefore);
        var costAfter = await CostAsync();
        var memory = processes.Select(p => ProcessMemory.Of(p.Id)).ToList();
        return new PipelineRun(elapsed, sessions() - sessionsBefore, memory.Max(m => m.ResidentBytes),
            memory.Max(m => m.PrivateBytes), costAfter.Cpu - costBefore.Cpu,
            costAfter.Allocated - costBefore.Allocated, machineBusy);
    }

    /// <summary>CPU time and allocations so far, over all instances.</summary>
    private async Task<(TimeSpan Cpu, long Allocated)> CostAsync()
    {
        var each = await Task.WhenAll(costs.Select(c => c.ReadAsync()));
        return (each.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Cpu), each.Sum(c => c.Allocated));
    }

    /// <summary>The app with a fresh database; it runs for the whole benchmark, as a server does, so the JIT has settled.</summary>
    /// <param name="postgres">A connection string to an empty PostgreSQL database; SQLite when null.</param>
    /// <param name="instances">Processes on that one database, each with its own delivery worker.</param>
    /// <param name="settings">Configuration given to every instance on its command line.</param>
    public static async Task<AppPipeline> StartAsync(string? postgres = null, int instances = 1,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mailrouting-bench-app-{Guid.NewGuid():N}");
        var processes = new List<Process>();
        var apis = new List<HttpClient>();
        for (var instance = 0; instance < instances; instance++)
        {
            // One after the other: the first creates the database, the others find it ready.
            var (process, api) =
                await StartInstanceAsync(folder, postgres, instance, settings ?? new Dictionary<string, string>());
            processes.Add(process);
            apis.Add(api);
        }

        return new AppPipeline(folder, postgres, processes, apis);
    }

    private static async Task<(Process Process, HttpClient Api)> StartInstanceAsync(string folder, string? postgres,
        int instance, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var appFolder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(appFolder, "MailRouting.Web.dll"));
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        // The provider sends the browser back to this address when a mailbox is connected.
        start.ArgumentList.Add($"--PublicUrl=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Database:Provider={(postgres is null ? "Sqlite" : "PostgreSql")}");
        start.ArgumentList.Add($"--ConnectionStrings:MailRouting={postgres ?? $"Data Source={Path.Combine(folder, "mailrouting.db")}"}");
        start.ArgumentList.Add($"--Logging:FilePath={Path.Combine(folder, "logs", $"app-{instance}-.log")}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

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
        return (process, api);
    }

    private readonly Dictionary<(int Port, int Connections, Sending Sending), int> channels = [];

    /// <summary>A server signed in as the support account with the given number of parallel sessions, and its channel.</summary>
    public async Task<int> ChannelAsync(ISmtpTarget mta, int connections, Sending sending)
    {
        if (channels.TryGetValue((mta.SubmissionPort, connections, sending), out var known))
        {
            return known;
        }

        var oauth = sending.Provider is not null;
        var server = await Admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Bench server {channels.Count + 1}, {connections} sessions", host = mta.Host,
            port = mta.SubmissionPort,
            security = "StartTls", authMethod = oauth ? "OAuth2" : "Plain",
            oauthAppId = sending.Provider is { } provider ? await OAuthAppAsync(provider) : (int?)null,
            username = HarnessMta.Login, password = oauth ? null : HarnessMta.Password, pinnedCertificateSha256 = mta.CertificateSha256,
            maxConcurrentSessions = connections, maxMessagesPerSession = sending.MessagesPerSession,
        });
        server.EnsureSuccessStatusCode();
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        if (sending.Provider is { } authorization)
        {
            await ConnectAsync(authorization, serverId);
        }

        // Channel addresses are unique, so each server's channel has its own; the server account may send as all of them.
        var address = channels.Count == 0 ? HarnessMta.Login : $"support+{channels.Count}@acme.test";
        var channel = await Admin.PostAsJsonAsync("/api/v1/channels",
            new { name = $"Support {channels.Count + 1}", address, displayName = "Acme Support", serverId });
        channel.EnsureSuccessStatusCode();
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        return channels[(mta.SubmissionPort, connections, sending)] = channelId;
    }

    /// <summary>
    /// A Microsoft Graph server at <paramref name="api"/> (plain http on loopback) sending with the OAuth app's own
    /// permission over <paramref name="lanes"/> requests at once, and its channel, whose address is the server's.
    /// </summary>
    public async Task<int> GraphChannelAsync(Uri api, TestAuthorizationServer provider, int lanes)
    {
        var server = await Admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Bench Graph, {lanes} lanes", transport = "MicrosoftGraph", host = api.Host, port = api.Port,
            security = "None", authMethod = "OAuth2App", oauthAppId = await OAuthAppAsync(provider),
            senderAddress = GraphMailbox, maxConcurrentSessions = lanes,
        });
        server.EnsureSuccessStatusCode();
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await Admin.PostAsJsonAsync("/api/v1/channels",
            new { name = "Support on Graph", address = GraphMailbox, displayName = "Acme Support", serverId });
        channel.EnsureSuccessStatusCode();
        return (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>The mailbox the Graph server sends as, with the app's own permission.</summary>
    public const string GraphMailbox = "graph@acme.test";

    private async Task<int> OAuthAppAsync(TestAuthorizationServer provider)
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = $"Harness provider {Guid.NewGuid():N}", provider = "Other", issuer = provider.Issuer.ToString(),
            clientId = TestAuthorizationServer.ClientId, clientSecret = TestAuthorizationServer.ClientSecret,
            scopes = $"openid email offline_access {TestAuthorizationServer.MailScope}",
        });
        created.EnsureSuccessStatusCode();
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Connects the server's mailbox the way an admin does: the authorization URL, the provider's consent, the app's callback.</summary>
    private async Task ConnectAsync(TestAuthorizationServer provider, int serverId)
    {
        await provider.AllowRedirectUriAsync(new Uri(Admin.BaseAddress!, "/oauth/callback"));
        var started = await Admin.PostAsync($"/api/v1/smtp-servers/{serverId}/oauth/connect", null);
        if (!started.IsSuccessStatusCode)
        {
            var problem = await started.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Connecting the server's mailbox failed: {problem}");
        }

        var authorization = new Uri((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!);
        var callback = await ProviderConsent.SignInAndAllowAsync(authorization, HarnessMta.Login, HarnessMta.Password);
        // The callback finishes only in the browser of the admin who started the connection.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = Admin.BaseAddress,
        };
        await BrowserSignIn.SignInAsync(browser, AdminEmail, AdminPassword);
        (await browser.GetAsync(callback.PathAndQuery)).EnsureSuccessStatusCode();
        var mailbox = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{serverId}"))!["oauth"]!;
        if ((string?)mailbox["status"] != "Connected")
        {
            throw new InvalidOperationException($"The harness mailbox did not connect: {mailbox.ToJsonString()}");
        }
    }

    /// <summary>Read from the app's database directly, so watching costs the app nothing (asking its API ten times a second would).</summary>
    private async Task<int> SentAsync() => (int)await ScalarAsync("SELECT COUNT(*) FROM \"Outbox\" WHERE \"Status\" = 'Sent'");

    /// <summary>The size of the largest message stored, as its MIME.</summary>
    public Task<long> LargestMessageBytesAsync() => ScalarAsync("SELECT MAX(LENGTH(\"Mime\")) FROM \"Outbox\"");

    private async Task<long> ScalarAsync(string sql)
    {
        await using System.Data.Common.DbConnection connection = postgres is null
            ? new SqliteConnection($"Data Source={Path.Combine(folder, "mailrouting.db")};Mode=ReadOnly")
            : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
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
        foreach (var cost in costs)
        {
            cost.Dispose();
        }

        foreach (var (process, api) in processes.Zip(apis))
        {
            api.Dispose();
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
