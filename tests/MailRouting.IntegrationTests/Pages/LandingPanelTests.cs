using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The "Will it land?" panel on the channel and server pages, from the test DNS server's records.</summary>
public sealed class LandingPanelTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<int> IdOfAsync(HttpResponseMessage created)
    {
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    [Fact]
    public async Task ChannelPage_SpfFailingUnderReject_ShowsTheVerdictAndTheRecordToPublish()
    {
        var api = await app.ApiClientAsync();
        var server = await IdOfAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Panel relay", host = "127.0.0.1", port = 2525, security = "None", authMethod = "None",
            senderAddress = "relay@acme.test", sendAs = new[] { "*@reject.test" },
        }));
        var channel = await IdOfAsync(await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Panel channel", address = "panel@reject.test", serverId = server,
        }));
        var browser = await app.BrowserAsync();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Channels/Details/{channel}"));
        var serverPage = WebUtility.HtmlDecode(await browser.GetStringAsync($"/SmtpServers/Details/{server}"));

        Assert.Contains("Will it land? <span class=\"badge fail\">Will be rejected</span>", page);
        Assert.Contains("DMARC p=reject: mail from panel@reject.test through this server will be rejected.", page);
        Assert.Contains("<pre><code>v=spf1 ip4:127.0.0.1 ip4:192.0.2.1 -all</code></pre>", page);
        Assert.Contains("<span class=\"badge ok\">Will be accepted</span>", serverPage);
    }
}
