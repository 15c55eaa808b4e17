using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Data;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using Xunit.Abstractions;

namespace MailRouting.IntegrationTests.Api;

/// <summary>The app as real processes on one database: two at once, and one killed with SIGKILL mid-batch.</summary>
[Collection(MtaGroup.Name)]
public sealed class ProcessTests(MtaFixture mta, ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mailrouting-processes-").FullName;
    private readonly List<AppProcess> processes = [];

    public void Dispose()
    {
        processes.ForEach(p => p.Dispose());
        TestDatabase.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }

    private AppProcess Start(int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = AppProcess.Start(folder, port, environment);
        processes.Add(process);
        return process;
    }

    /// <summary>What the container health check runs: the app asks a running instance's /healthz, without curl or wget.</summary>
    [Fact]
    public async Task HealthCheckCommand_SaysHealthyForARunningInstance_AndFailsForNone()
    {
        var app = Start();
        using var api = await app.AdminClientAsync();
        var dll = Path.Combine(AppContext.BaseDirectory, "MailRouting.Web.dll");

        var running = await Commands.RunAsync("dotnet", [dll, "--health-check", $"http://127.0.0.1:{app.Port}/healthz"], deadline: TimeSpan.FromMinutes(1));
        var none = await Commands.RunAsync("dotnet", [dll, "--health-check", $"http://127.0.0.1:{AppProcess.FreePort()}/healthz"], deadline: TimeSpan.FromMinutes(1));

        Assert.Equal(0, running.ExitCode);
        Assert.Contains("200 Healthy", running.Output, StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("Unhealthy", none.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three instances on one database, one login whose server allows 2 sessions: every message is submitted once, and
    /// Postfix never sees more than 2 sessions of that login open at once, whichever instances hold them.
    /// </summary>
    [Fact]
    public async Task ThreeProcessesOnOneDatabase_SendEveryMessageOnceWithinTheSessionCap()
    {
        const int messages = 5000;
        var first = Start();
        using var api = await first.AdminClientAsync();
        var channelId = await SetUpChannelAsync(api, sessions: 2);
        using var secondApi = await Start().AdminClientAsync();
        using var thirdApi = await Start().AdminClientAsync();
        var (sessionsBefore, logMark) = (mta.SessionCount(), mta.MailLogLines());
        var recipients = await QueueAsync(api, channelId, messages);

        var sent = await WaitForSentAsync(api, messages);

        Assert.Equal(messages, sent);
        await Task.Delay(1000);
        var delivered = mta.DeliveredCounts();
        var (submitted, redelivered) = Submissions(recipients);
        var duplicates = recipients.Sum(r => Math.Max(0, (submitted.GetValueOrDefault(r)?.Count ?? 0) - 1));
        var workers = await WorkersAsync(api, messages);
        var mostAtOnce = mta.MostSessionsAtOnce(MtaFixture.Relay.Login, logMark);
        output.WriteLine($"{messages} messages, three processes: {duplicates} sent twice, {recipients.Count(r => delivered.GetValueOrDefault(r) == 0)} lost, "
            + $"{redelivered} copies Postfix delivered again, {mta.SessionCount() - sessionsBefore} SMTP sessions, at most {mostAtOnce} open at once "
            + $"(limit 2), sent by workers {string.Join(", ", workers)}.");
        Assert.All(recipients, r => Assert.Single(submitted.GetValueOrDefault(r) ?? []));
        Assert.InRange(mostAtOnce, 1, 2);
    }

    /// <summary>
    /// One of three instances is killed while it sends: the others take its messages and its sessions over once its leases
    /// end, nothing is lost, and only its unsaved sends (at most 8) can go out twice.
    /// </summary>
    [Fact]
    public async Task OneOfThreeKilledMidWork_TheOthersTakeOver()
    {
        const int messages = 1000;
        var all = new[] { Start(), Start(), Start() };
        using var api = await all[0].AdminClientAsync();
        var channelId = await SetUpChannelAsync(api, sessions: 2);
        foreach (var other in all.Skip(1))
        {
            (await other.AdminClientAsync()).Dispose();
        }

        var logMark = mta.MailLogLines();
        var recipients = await QueueAsync(api, channelId, messages);
        await WaitForSentAsync(api, atLeast: 50);
        // The instance that is sending right now: the worker of the latest message sent.
        var latest = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!["items"]![0]!["id"]!;
        var worker = (string)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{latest}"))!["attempts"]![0]!["worker"]!;
        var victim = all.Single(p => worker.Split('/')[1] == p.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await victim.KillAsync();
        using var survivor = await all.First(p => p != victim).AdminClientAsync();

        var sent = await WaitForSentAsync(survivor, messages);

        await Task.Delay(1000);
        var delivered = mta.DeliveredCounts();
        var (submitted, redelivered) = Submissions(recipients);
        var lost = recipients.Count(r => delivered.GetValueOrDefault(r) == 0);
        var twice = recipients.Count(r => (submitted.GetValueOrDefault(r)?.Count ?? 0) > 1);
        var mostAtOnce = mta.MostSessionsAtOnce(MtaFixture.Relay.Login, logMark);
        output.WriteLine($"{messages} messages, one of three processes killed while sending: {lost} lost, {twice} sent twice, "
            + $"{redelivered} copies Postfix delivered again, at most {mostAtOnce} sessions open at once (limit 2).");
        Assert.Equal(messages, sent);
        Assert.Equal(0, lost);
        Assert.InRange(twice, 0, 8);
        Assert.InRange(mostAtOnce, 1, 2);
    }

    /// <summary>
    /// A change saved on one instance is used by another without a restart: on PostgreSQL at once (the change is announced
    /// with NOTIFY; the cache is kept for a minute here, longer than the test waits, so only the announcement explains it),
    /// elsewhere once Routing:CacheSeconds have passed. How fast is printed, not asserted: a timed bound is noise here.
    /// </summary>
    [Fact]
    public async Task ChangeSavedOnOneInstance_IsUsedByAnotherAtOnce()
    {
        var cacheSeconds = TestDatabase.IsPostgreSql ? "60" : "2";
        var settings = new Dictionary<string, string> { ["Routing__CacheSeconds"] = cacheSeconds };
        using var api = await Start(environment: settings).AdminClientAsync();
        var channelId = await SetUpChannelAsync(api);
        var other = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Relay as sales", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Sales.Login, password = MtaFixture.Sales.Password, pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var otherServer = (int)(await other.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var secondApi = await Start(environment: settings).AdminClientAsync();
        var before = await ResolvedServerAsync(secondApi, channelId);

        var changed = await api.PutAsJsonAsync($"/api/v1/channels/{channelId}", new { name = "Support", address = "support@acme.test", serverId = otherServer });
        var saved = System.Diagnostics.Stopwatch.StartNew();
        int now;
        while ((now = await ResolvedServerAsync(secondApi, channelId)) != otherServer && saved.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        var seenAfter = saved.Elapsed;
        output.WriteLine($"{TestDatabase.Provider}: the other instance resolved with the change {seenAfter.TotalMilliseconds:F0} ms after the save returned.");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(otherServer, before);
        Assert.Equal(otherServer, now);
    }

    /// <summary>A load balancer may send each request to another instance: a sign-in on one holds on the others, as a cookie and as a bearer token.</summary>
    [Fact]
    public async Task SignedInOnOneInstance_IsSignedInOnAnother()
    {
        var first = Start();
        using var api = await first.AdminClientAsync();
        var second = Start();
        (await second.AdminClientAsync()).Dispose();
        var cookies = new CookieContainer();
        HttpClient Browser(AppProcess instance) =>
            new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = instance.AnonymousClient().BaseAddress };
        using var onFirst = Browser(first);
        using var onSecond = Browser(second);
        using var bearerOnSecond = second.AnonymousClient();
        bearerOnSecond.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;

        var signIn = await onFirst.PostFormAsync("/Account/Login", new() { ["Input.Email"] = AppFactory.AdminEmail, ["Input.Password"] = AppFactory.AdminPassword });
        var page = await onSecond.GetAsync("/Messages");
        var apiAnswer = await bearerOnSecond.GetAsync("/api/v1/smtp-servers");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiAnswer.StatusCode);
    }

    private static async Task<int> ResolvedServerAsync(HttpClient api, int channelId) =>
        (int)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?channelId={channelId}"))!["server"]!["id"]!;

    [Fact]
    public async Task KilledMidBatch_RestartDeliversEveryMessage()
    {
        // Enough that the worker is still busy when the first 20 are seen as sent.
        const int messages = 400;
        var first = Start();
        using var api = await first.AdminClientAsync();
        var channelId = await SetUpChannelAsync(api);
        var recipients = await QueueAsync(api, channelId, messages);

        await WaitForSentAsync(api, atLeast: 20);
        await first.KillAsync();
        var sentBeforeKill = SentInDatabase();
        using var afterRestart = await Start(first.Port).AdminClientAsync();
        await WaitForSentAsync(afterRestart, messages);
        await Task.Delay(1000);

        var delivered = mta.DeliveredCounts();
        var lost = recipients.Count(r => delivered.GetValueOrDefault(r) == 0);
        var duplicates = recipients.Sum(r => Math.Max(0, delivered.GetValueOrDefault(r) - 1));
        output.WriteLine($"{messages} messages, killed once {sentBeforeKill} were recorded as sent: {lost} lost, {duplicates} duplicates.");
        // The kill landed mid-work: some messages were recorded as sent before it, and some were not.
        Assert.InRange(sentBeforeKill, 20, messages - 1);
        Assert.Equal(0, lost);
        // At-least-once: what can go out twice (with the same Message-ID) are the sends whose outcome was not saved yet.
        // docs/operations.md promises at most 8 per killed instance; this number is the promise, not the constant that implements it.
        Assert.InRange(duplicates, 0, 8);
    }

    /// <summary>
    /// Every use of the token refreshes it (RefreshBeforeExpirySeconds equals the tokens' lifetime), and the provider refuses a
    /// refresh token used twice. One process sends (each pass refreshes) while the other tests the same server over and over
    /// (each test refreshes), so two processes refresh one account at once: they would lose the mailbox unless one waits for
    /// the other's rotated token.
    /// </summary>
    [Fact]
    public async Task TwoProcessesRefreshingOneAccountAtOnce_KeepTheMailboxConnected()
    {
        const int messages = 300;
        // Small batches: many passes, each refreshing.
        var refreshEveryUse = new Dictionary<string, string> { ["OAuth__RefreshBeforeExpirySeconds"] = "3600", ["Delivery__BatchSize"] = "10" };
        var first = Start(environment: refreshEveryUse);
        using var api = await first.AdminClientAsync();
        await mta.Authorization.AllowRedirectUriAsync(new Uri(first.AnonymousClient().BaseAddress!, "/oauth/callback"));
        var oauth = new OAuthScenario(first.BrowserAsync, mta, api);
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var channelId = await oauth.ChannelAsync("relay@acme.test", server);
        Assert.Contains("Connected relay@acme.test", await oauth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay));
        using var secondApi = await Start(environment: refreshEveryUse).AdminClientAsync();
        var refreshesBefore = mta.Authorization.TokenRequests.Refreshes;
        var recipients = await QueueAsync(api, channelId, messages);

        using var sending = new CancellationTokenSource();
        var tests = TestRepeatedlyAsync(secondApi, server, sending.Token);
        var sent = await WaitForSentAsync(api, messages);
        await sending.CancelAsync();
        var testResults = await tests;

        await Task.Delay(1000);
        var refreshes = mta.Authorization.TokenRequests.Refreshes - refreshesBefore;
        var (submitted, redelivered) = Submissions(recipients);
        var mailbox = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!;
        output.WriteLine($"{messages} messages over XOAUTH2 from one process while the other tested the server {testResults.Count} times: "
            + $"{refreshes} refreshes, {testResults.Count(ok => !ok)} tests failed, mailbox {mailbox["status"]}, {redelivered} copies Postfix delivered again.");
        Assert.Equal(messages, sent);
        Assert.Equal("Connected", (string?)mailbox["status"]);
        Assert.True(testResults.Count >= 5 && testResults.All(ok => ok), $"{testResults.Count(ok => !ok)} of {testResults.Count} tests on the second process failed");
        Assert.True(refreshes >= 10, $"Only {refreshes} refreshes: the processes hardly refreshed during the run");
        Assert.All(recipients, r => Assert.Single(submitted.GetValueOrDefault(r) ?? []));
    }

    /// <returns>Whether each test succeeded.</returns>
    private static async Task<List<bool>> TestRepeatedlyAsync(HttpClient api, int server, CancellationToken stop)
    {
        var results = new List<bool>();
        while (!stop.IsCancellationRequested)
        {
            var report = await (await api.PostAsJsonAsync($"/api/v1/smtp-servers/{server}/test", new { }, CancellationToken.None)).Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None);
            results.Add((bool)report!["success"]!);
            await Task.Delay(20, CancellationToken.None);
        }

        return results;
    }

    /// <summary>Read from the database itself while no process runs: what was recorded as sent when the kill landed.</summary>
    private long SentInDatabase() => TestDatabase.Count(folder, "SELECT COUNT(*) FROM \"Outbox\" WHERE \"Status\" = 'Sent'");

    private async Task<int> SetUpChannelAsync(HttpClient api, int? sessions = null)
    {
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
            maxConcurrentSessions = sessions,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Support", address = "support@acme.test", serverId });
        return (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<List<string>> QueueAsync(HttpClient api, int channelId, int count)
    {
        var batch = $"p{Guid.NewGuid():N}"[..9];
        var recipients = Enumerable.Range(0, count).Select(i => $"{batch}-{i}@customer.test").ToList();
        // In batches, so all are queued before much is sent and a kill lands in the middle of the work.
        foreach (var chunk in recipients.Chunk(100))
        {
            var response = await api.PostAsJsonAsync("/api/v1/messages/batch",
                new { messages = chunk.Select(recipient => new { from = new { channelId }, to = new[] { recipient }, subject = "Load", text = "Hello" }) });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        return recipients;
    }

    /// <returns>How many were recorded as sent when the wait ended.</returns>
    private static async Task<int> WaitForSentAsync(HttpClient api, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        int sent;
        while ((sent = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!["total"]!) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return sent;
    }

    /// <summary>
    /// Sent twice means submitted to Postfix twice: two queue ids for one recipient. A second copy under one queue id is
    /// Postfix delivering its own queued message again, counted apart (a loaded machine showed that once).
    /// </summary>
    private (Dictionary<string, HashSet<string>> Submitted, int Redelivered) Submissions(List<string> recipients)
    {
        var delivered = mta.DeliveredCounts();
        var submitted = mta.SubmissionIds();
        return (submitted, recipients.Sum(r => Math.Max(0, delivered.GetValueOrDefault(r) - (submitted.GetValueOrDefault(r)?.Count ?? 0))));
    }

    private static async Task<HashSet<string>> WorkersAsync(HttpClient api, int count)
    {
        var workers = new HashSet<string>();
        for (var page = 1; page <= (count + 49) / 50; page++)
        {
            var items = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages?status=Sent&page={page}"))!["items"]!.AsArray();
            Assert.All(items, m => Assert.Single(m!["attempts"]!.AsArray()));
            workers.UnionWith(items.Select(m => ((string)m!["attempts"]![0]!["worker"]!).Split('/')[1]));
        }

        return workers;
    }
}
