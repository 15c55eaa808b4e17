using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Every row of the DESIGN §2 table, sent as a channel through the API to a Postfix whose sender login maps mirror
/// each account: the captured copy's From, Reply-To and envelope must match the table, and Postfix must accept them.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class ChannelSendTests(MtaFixture mta) : IAsyncLifetime
{
    // A fresh app per test: the accounts the MTA knows are few, and channel addresses are unique.
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<int> ServerAsync(HttpClient api, string name, (string Login, string Password) account, params string[] sendAs)
    {
        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name,
            host = MtaFixture.Host,
            port = mta.SubmissionPort,
            security = "StartTls",
            authMethod = "Login",
            username = account.Login,
            password = account.Password,
            sendAs,
            pinnedCertificateSha256 = mta.CertificateSha256,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<int> ChannelAsync(HttpClient api, string address, int? serverId, bool overrides = false, string? password = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Channel {address} {Guid.NewGuid():N}",
            address = $"{address}",
            displayName = "Acme Support",
            serverId,
            overrideCredentials = overrides,
            password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<(JsonObject Report, MimeKit.MimeMessage Message, string ReturnPath)> SendTestAsync(HttpClient api, int channelId)
    {
        var recipient = MtaFixture.UniqueRecipient();
        var response = await api.PostAsJsonAsync($"/api/v1/channels/{channelId}/test", new { recipient });
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool?)report["success"] == true, report.ToJsonString());
        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        return (report, message, returnPath);
    }

    [Fact]
    public async Task Internal_SendsAsTheInternalAccount_WithReplyToTheChannel()
    {
        var api = await app.ApiClientAsync();
        var internalId = await app.PointInternalAtAsync(mta);
        var channel = await ChannelAsync(api, "support@acme.test", internalId);

        var (_, message, returnPath) = await SendTestAsync(api, channel);

        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Acme Support", message.From.Mailboxes.Single().Name);
        Assert.Equal("support@acme.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
    }

    [Fact]
    public async Task CustomWithOverride_SignsInAsTheChannel_AndSendsFromItsAddress()
    {
        var api = await app.ApiClientAsync();
        var server = await ServerAsync(api, "Override host", MtaFixture.Agent);
        var channel = await ChannelAsync(api, "sales@acme.test", server, overrides: true, password: MtaFixture.Sales.Password);

        var (report, message, returnPath) = await SendTestAsync(api, channel);

        Assert.Contains("Signed in as sales@acme.test", (string?)report["stages"]!.AsArray().Single(s => (string?)s!["name"] == "auth")!["detail"]);
        Assert.Equal("sales@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Empty(message.ReplyTo);
        Assert.Equal("sales@acme.test", returnPath);
    }

    [Fact]
    public async Task CustomAddressInSendAs_KeepsTheChannelAddressWithTheServerLogin()
    {
        var api = await app.ApiClientAsync();
        var server = await ServerAsync(api, "Brand relay", ("relay@acme.test", "relay-secret-4"), "*@brand.test");
        var channel = await ChannelAsync(api, "news@brand.test", server);

        var (_, message, returnPath) = await SendTestAsync(api, channel);

        Assert.Equal("news@brand.test", message.From.Mailboxes.Single().Address);
        Assert.Empty(message.ReplyTo);
        Assert.Equal("news@brand.test", returnPath);
    }

    [Fact]
    public async Task CustomAddressNotAllowed_RewritesFromToTheServerAccount()
    {
        var api = await app.ApiClientAsync();
        var server = await ServerAsync(api, "Plain relay", ("relay@acme.test", "relay-secret-4"));
        var channel = await ChannelAsync(api, "support@acme.test", server);

        var (_, message, returnPath) = await SendTestAsync(api, channel);

        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Acme Support", message.From.Mailboxes.Single().Name);
        Assert.Equal("support@acme.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
    }

    [Fact]
    public async Task SendAsTheProviderDoesNotAllow_IsSenderNotOwned()
    {
        var api = await app.ApiClientAsync();
        // The admin claims agent@ may send as sales@; the mail server (set up outside MailRouting) disagrees.
        var server = await ServerAsync(api, "Overclaimed", MtaFixture.Agent, "sales@acme.test");
        var channel = await ChannelAsync(api, "sales@acme.test", server);

        var response = await api.PostAsJsonAsync($"/api/v1/channels/{channel}/test", new { recipient = MtaFixture.UniqueRecipient() });
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.False((bool)report["success"]!);
        Assert.Equal("SenderNotOwned", (string?)report["diagnostic"]!["code"]);
    }

    [Fact]
    public async Task OverrideWithoutPassword_IsRefusedWhenSaving()
    {
        var api = await app.ApiClientAsync();
        var server = await ServerAsync(api, "Needs channel password", MtaFixture.Agent);

        var response = await api.PostAsJsonAsync("/api/v1/channels", new { name = "No password", address = "nopw@acme.test", serverId = server, overrideCredentials = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("password", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task InactiveChannel_Test_Is422WithTheResolutionFailure()
    {
        var api = await app.ApiClientAsync();
        var created = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Sleeping", address = "sleeping@acme.test", isActive = false });
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var response = await api.PostAsJsonAsync($"/api/v1/channels/{id}/test", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("ChannelInactive", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
    }
}
