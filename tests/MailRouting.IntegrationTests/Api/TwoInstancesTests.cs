using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Two app instances with their own delivery workers on one SQLite file: every message goes out exactly once. The
/// instances share this test process but nothing else (each has its own DI container, connections and worker).
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class TwoInstancesTests(MtaFixture mta) : IAsyncLifetime
{
    private const int Messages = 300;
    private readonly AppFactory first = new();
    private AppFactory second = null!;

    public async Task InitializeAsync()
    {
        await first.InitializeAsync();
        second = AppFactory.SharingDatabaseWith(first);
        await second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabase_SendEveryMessageOnce()
    {
        var api = await first.ApiClientAsync();
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Shared relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Support", address = "support@acme.test", serverId });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var batch = $"b{Guid.NewGuid():N}"[..9];
        var sessionsBefore = mta.SessionCount();
        var recipients = Enumerable.Range(0, Messages).Select(i => $"{batch}-{i}@customer.test").ToList();

        foreach (var recipient in recipients)
        {
            var response = await api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId }, to = new[] { recipient }, subject = "Load", text = "Hello" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonObject sent;
        do
        {
            await Task.Delay(250);
            sent = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!;
        }
        while ((int)sent["total"]! < Messages && DateTime.UtcNow < deadline);

        Assert.Equal(Messages, (int)sent["total"]!);
        await Task.Delay(1000);
        var delivered = mta.DeliveredCounts();
        Assert.All(recipients, r => Assert.Equal(1, delivered.GetValueOrDefault(r)));
        var workers = new HashSet<string>();
        for (var page = 1; page <= (Messages + 49) / 50; page++)
        {
            var items = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages?status=Sent&page={page}"))!["items"]!.AsArray();
            Assert.All(items, m => Assert.Single(m!["attempts"]!.AsArray()));
            workers.UnionWith(items.Select(m => (string)m!["attempts"]![0]!["worker"]!));
        }

        Assert.Equal(2, workers.Count);
        // Each worker keeps its authenticated session open between passes: a handful of sessions, not one per message.
        Assert.InRange(mta.SessionCount() - sessionsBefore, 2, 6);
    }
}
