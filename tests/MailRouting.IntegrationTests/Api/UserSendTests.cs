using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>The DESIGN §2 table rows sent as a user (POST /api/v1/me/test) through Postfix; the override row is in <see cref="UserEndpointsTests"/>.</summary>
[Collection(MtaGroup.Name)]
public sealed class UserSendTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<HttpClient> UserOnServerAsync(string email, params string[] sendAs)
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "CramMd5",
            username = "relay@acme.test", password = "relay-secret-4", sendAs, pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Jane Agent", role = "Agent", password = "Agent-Pa55word!" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId })).StatusCode);
        return await app.ApiClientAsync(email, "Agent-Pa55word!");
    }

    private async Task<(MimeKit.MimeMessage Message, string ReturnPath)> SendAsync(HttpClient user)
    {
        var recipient = MtaFixture.UniqueRecipient();
        var report = (await (await user.PostAsJsonAsync("/api/v1/me/test", new { recipient })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool?)report["success"] == true, report.ToJsonString());
        return await mta.DeliveredToAsync(recipient);
    }

    [Fact]
    public async Task UserOnInternal_GoesOutAsTheInternalAccountWithReplyToTheUser()
    {
        var user = await UserOnServerAsync("jane@acme.test");
        var internalId = await app.PointInternalAtAsync(mta);
        var admin = await app.ApiClientAsync();
        var me = (await user.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        await admin.PutAsJsonAsync($"/api/v1/users/{me["user"]!["id"]}", new { serverId = internalId });

        var (message, returnPath) = await SendAsync(user);

        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Jane Agent", message.From.Mailboxes.Single().Name);
        Assert.Equal("jane@acme.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
    }

    [Fact]
    public async Task UserAddressInSendAs_KeepsTheUserAddress()
    {
        var user = await UserOnServerAsync("jane@brand.test", "*@brand.test");

        var (message, returnPath) = await SendAsync(user);

        Assert.Equal("jane@brand.test", message.From.Mailboxes.Single().Address);
        Assert.Empty(message.ReplyTo);
        Assert.Equal("jane@brand.test", returnPath);
    }

    [Fact]
    public async Task UserAddressNotAllowed_GoesOutAsTheServerAccountWithReplyToTheUser()
    {
        var user = await UserOnServerAsync("jane@acme.test");

        var (message, returnPath) = await SendAsync(user);

        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Jane Agent", message.From.Mailboxes.Single().Name);
        Assert.Equal("jane@acme.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
    }
}
