using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Dns;
using MailRouting.IntegrationTests.Mta;
using MimeKit;

namespace MailRouting.IntegrationTests.Dkim;

/// <summary>
/// A DKIM key made in the app, its record published in a real DNS server (dnsmasq), mail sent through the real Postfix:
/// the delivered copy verifies with MimeKit's verifier against the published key, and fails once the key is rotated
/// without publishing the new one.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class DkimSigningTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly DnsServerProcess dns = DnsServerProcess.Start();
    private AppFactory app = null!;

    public async Task InitializeAsync()
    {
        app = AppFactory.With(new Dictionary<string, string> { ["Dns:Servers"] = dns.Address });
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        dns.Dispose();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<int> ChannelOnPostfixAsync(HttpClient api)
    {
        var server = await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "DKIM relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls",
                authMethod = "Login",
            username = MtaFixture.Support.Login, password = MtaFixture.Support.Password,
            pinnedCertificateSha256 = mta.CertificateSha256,
        }), HttpStatusCode.Created);
        return (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "DKIM support", address = MtaFixture.Support.Login, serverId = (int)server["id"]!,
        }), HttpStatusCode.Created))["id"]!;
    }

    private async Task<MimeMessage> SendAsync(HttpClient api, int channelId)
    {
        var recipient = MtaFixture.UniqueRecipient();
        await ReadAsync(await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId }, to = new[] { recipient }, subject = "Your order 4711",
                text = "Grüße: it ships today.",
        }), HttpStatusCode.Accepted);
        return (await mta.DeliveredToAsync(recipient, TimeSpan.FromSeconds(30))).Message;
    }

    private static async Task<string?> DnsStateAsync(HttpClient api, int keyId) =>
        (string?)(await api.GetFromJsonAsync<JsonArray>("/api/v1/dkim-keys"))!
            .Single(k => (int)k!["id"]! == keyId)!["dns"];

    [Fact]
    public async Task PublishedKey_DeliveredCopyVerifies_AndARotationWithoutPublishingFails()
    {
        var api = await app.ApiClientAsync();
        var channel = await ChannelOnPostfixAsync(api);
        var first = await ReadAsync(await api.PostAsJsonAsync("/api/v1/dkim-keys", new { domain = "ACME.test",
            selector = "first" }),
            HttpStatusCode.Created);
        var firstId = (int)first["id"]!;
        var unpublished = await DnsStateAsync(api, firstId);

        dns.Restart(DnsServerProcess.Txt((string)first["recordName"]!, (string)first["recordValue"]!));
        var published = await DnsStateAsync(api, firstId);
        await ReadAsync(await api.PostAsync($"/api/v1/dkim-keys/{firstId}/activate", null), HttpStatusCode.OK);
        var signed = await SendAsync(api, channel);
        var signedForecast = await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}/deliverability");

        var second = await ReadAsync(await api.PostAsJsonAsync("/api/v1/dkim-keys", new { domain = "acme.test",
            selector = "second" }),
            HttpStatusCode.Created);
        var secondId = (int)second["id"]!;
        await ReadAsync(await api.PostAsync($"/api/v1/dkim-keys/{secondId}/activate", null), HttpStatusCode.OK);
        var rotated = await SendAsync(api, channel);
        var rotatedForecast = await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}/deliverability");
        var keys = await api.GetFromJsonAsync<JsonArray>("/api/v1/dkim-keys");

        var receiver = new DnsDkimKeys(dns.EndPoint);
        Assert.Equal(("Missing", "Published"), (unpublished, published));
        Assert.Equal("first._domainkey.acme.test", (string?)first["recordName"]);
        var signature = signed.Headers[HeaderId.DkimSignature] ?? "";
        Assert.Contains("d=acme.test", signature);
        Assert.Contains("s=first", signature);
        Assert.Contains("h=from:subject:date:to:message-id", signature.Replace(" ", "").ToLowerInvariant());
        Assert.True(await receiver.VerifiesAsync(signed));
        Assert.Contains("s=second", rotated.Headers[HeaderId.DkimSignature] ?? "");
        Assert.False(await receiver.VerifiesAsync(rotated));
        Assert.Equal("It is signed with the DKIM key first of acme.test, published in DNS.",
            (string?)signedForecast!["findings"]![1]);
        Assert.Equal("It is signed with the DKIM key second of acme.test, but DNS does not have that key at "
            + "second._domainkey.acme.test: receivers fail the signature.", (string?)rotatedForecast!["findings"]![1]);
        Assert.Equal([false, true], keys!.OrderBy(k => (int)k!["id"]!).Select(k => (bool)k!["isActive"]!));
        Assert.DoesNotContain("PRIVATE", keys!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
