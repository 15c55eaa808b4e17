using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;
using static MailRouting.IntegrationTests.HttpJson;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Signatures in the delivered copy (text and HTML parts), through Postfix: the channel's own, else the central one, filled
/// in for the agent who sends; none on request; HTML cleaned when saved.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class SignatureSendTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheChannelsSignatureElseTheCentralOne_FilledInForTheAgent_IsInBothParts_AndNoneLeavesItOut()
    {
        var api = await app.ApiClientAsync();
        var server = await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Brand relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, sendAs = new[] { "*@brand.test" },
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        }));
        int ChannelOf(JsonObject created) => (int)created["id"]!;
        var orders = ChannelOf(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new { name = "Orders", address = "orders@brand.test", displayName = "Brand Orders", serverId = (int)server["id"]! })));
        var news = ChannelOf(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new { name = "News", address = "news@brand.test", serverId = (int)server["id"]! })));
        var central = await api.PutAsJsonAsync("/api/v1/signatures/central", new
        {
            html = "<p>Regards, <b>{name}</b></p><script>alert(1)</script><img src=\"javascript:alert(2)\" onerror=\"alert(3)\">",
            text = "Regards, {name}",
        });
        var own = await api.PutAsJsonAsync($"/api/v1/channels/{orders}/signature", new
        {
            html = "<p>{name} for {channel}<br>Phone {phone} · Mobile {mobile}</p><img src=\"https://brand.test/logo.png\" alt=\"Brand\">",
            text = "{name} for {channel}\nPhone {phone} · Mobile {mobile}",
        });
        await app.CreateUserAsync("signing-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("signing-agent@acme.test", "Agent-Pa55word!");
        var contact = await agent.PutAsJsonAsync("/api/v1/me/contact", new { phone = "+49 30 1234-5", mobile = "+49 170 <555>" });
        var contactFixed = await agent.PutAsJsonAsync("/api/v1/me/contact", new { phone = "+49 30 1234-5", mobile = "+49 170 555" });

        async Task<MimeKit.MimeMessage> SendAsync(int channelId, string? signature)
        {
            var recipient = MtaFixture.UniqueRecipient();
            var accepted = await agent.PostAsJsonAsync("/api/v1/messages", new
            {
                from = new { channelId }, to = new[] { recipient }, subject = "Order", text = "Your order ships today.", html = "<p>Your order ships today.</p>", signature,
            });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            return (await mta.DeliveredToAsync(recipient)).Message;
        }

        var fromOrders = await SendAsync(orders, null);
        var fromNews = await SendAsync(news, "auto");
        var without = await SendAsync(orders, "none");
        var invalid = await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = orders }, to = new[] { "x@customer.test" }, text = "x", signature = "fancy" });
        var stored = await ReadAsync(await api.GetAsync("/api/v1/signatures/central"));

        Assert.Equal(HttpStatusCode.OK, central.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, contact.StatusCode);
        Assert.Equal(HttpStatusCode.OK, contactFixed.StatusCode);
        Assert.Equal("Your order ships today.\n\n-- \nsigning-agent@acme.test for Brand Orders\nPhone +49 30 1234-5 · Mobile +49 170 555", fromOrders.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("<div class=\"signature\"><p>signing-agent@acme.test for Brand Orders<br>Phone +49 30 1234-5 · Mobile +49 170 555</p><img src=\"https://brand.test/logo.png\" alt=\"Brand\"></div>", fromOrders.HtmlBody);
        Assert.EndsWith("-- \nRegards, signing-agent@acme.test", fromNews.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("<p>Regards, <b>signing-agent@acme.test</b></p>", fromNews.HtmlBody);
        Assert.DoesNotContain("alert", fromNews.HtmlBody);
        Assert.Equal("Your order ships today.", without.TextBody!.TrimEnd());
        Assert.DoesNotContain("signature", without.HtmlBody);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.DoesNotContain("script", (string?)stored["html"]);
        Assert.DoesNotContain("onerror", (string?)stored["html"]);
    }

    [Fact]
    public async Task ARetry_SendsTheSignatureTheMessageWasBuiltWith_NotTheOneSetSince()
    {
        var api = await app.ApiClientAsync();
        // The agent's login may not send as @brand.test: Postfix refuses with 553 until the server signs in as relay.
        var server = await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Wrong login", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Agent.Login, password = MtaFixture.Agent.Password, sendAs = new[] { "*@brand.test" },
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        }));
        var channel = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new { name = "Billing", address = "billing@brand.test", serverId = (int)server["id"]! })))["id"]!;
        await api.PutAsJsonAsync($"/api/v1/channels/{channel}/signature", new { text = "Signed at the time" });
        var recipient = MtaFixture.UniqueRecipient();
        var id = (string)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = channel }, to = new[] { recipient }, text = "Invoice." })))["id"]!;
        await Eventually.MessageAsync(api, id, m => (string?)m["status"] == "Failed");

        await api.PutAsJsonAsync($"/api/v1/channels/{channel}/signature", new { text = "Changed since" });
        await api.PutAsJsonAsync($"/api/v1/smtp-servers/{server["id"]}", new
        {
            name = "Wrong login", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, sendAs = new[] { "*@brand.test" },
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5, version = (string?)server["version"],
        });
        var retried = await api.PostAsync($"/api/v1/messages/{id}/retry", null);
        var (delivered, _) = await mta.DeliveredToAsync(recipient);

        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.EndsWith("-- \nSigned at the time", delivered.TextBody!.ReplaceLineEndings("\n").TrimEnd());
    }
}
