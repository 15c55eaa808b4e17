using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Smtp4dev;

/// <summary>The Internal server pointed at a real smtp4dev, as a developer runs it: what it sends can be read back.</summary>
[Collection(Smtp4devGroup.Name)]
public sealed class InternalServerTests(Smtp4devFixture smtp4dev) : IAsyncLifetime
{
    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string>
    {
        ["Mail:Internal:Host"] = Smtp4devFixture.Host,
        ["Mail:Internal:Port"] = smtp4dev.SmtpPort.ToString(CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private static string Recipient() => $"t-{Guid.NewGuid():N}@customer.test";

    [Fact]
    public async Task SendAsAChannel_ThroughTheInternalServer_ArrivesInSmtp4devAsTheResolverSays()
    {
        var api = await app.ApiClientAsync();
        var created = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Support", address = "support@acme.test", displayName = "Acme Support" });
        var channelId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var recipient = Recipient();

        var accepted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId }, to = new[] { recipient }, subject = "Your ticket 42", text = "We fixed it.",
        });
        var sent = await Eventually.MessageAsync(api, (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
            m => (string?)m["status"] is "Sent" or "Failed");
        var received = await smtp4dev.MessageToAsync(recipient);

        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.Equal("Acme Support <noreply@localhost>", Smtp4devFixture.Header(received, "From"));
        Assert.Equal("support@acme.test", Smtp4devFixture.Header(received, "Reply-To"));
        Assert.Equal("Your ticket 42", (string?)received["subject"]);
        Assert.Equal("We fixed it.", (await smtp4dev.PlainTextAsync(received)).Trim());
    }

    [Fact]
    public async Task TestOfTheInternalServer_WithARecipient_LeavesTheTestMessageInSmtp4dev()
    {
        var api = await app.ApiClientAsync();
        var servers = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        var internalId = (int)servers.Single(s => (string?)s!["kind"] == "Internal")!["id"]!;
        var recipient = Recipient();

        var response = await api.PostAsJsonAsync($"/api/v1/smtp-servers/{internalId}/test", new { recipient });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)report["success"]!, report.ToJsonString());
        var received = await smtp4dev.MessageToAsync(recipient);
        Assert.Contains("noreply@localhost", Smtp4devFixture.Header(received, "From"), StringComparison.Ordinal);
        // The web inbox a developer opens is served too.
        var inbox = await smtp4dev.Api.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("text/html", inbox.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }
}
