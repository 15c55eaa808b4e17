using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// SPF and DMARC looked up in a real DNS server (dnsmasq with tests/dns/zones.conf) for a server on 127.0.0.1: each
/// case with the sentence the API and the pages give.
/// </summary>
public sealed class DeliverabilityEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<JsonObject> ForecastForServerAsync(HttpClient api, string senderAddress)
    {
        var created = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Forecast " + senderAddress, host = "127.0.0.1", port = 2525, security = "None", authMethod = "None",
                senderAddress,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var forecast = await api.GetAsync($"/api/v1/smtp-servers/{id}/deliverability");
        Assert.Equal(HttpStatusCode.OK, forecast.StatusCode);
        return (await forecast.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Theory]
    [InlineData("support@acme.test", "Accepted",
        "DMARC passes through SPF: receivers will accept mail from support@acme.test through this server.",
        "SPF of acme.test allows 127.0.0.1 (ip4:127.0.0.1).")]
    [InlineData("support@softfail.test", "Spam",
        "Nothing proves this server may send as softfail.test: mail from support@softfail.test through it may land in "
        + "spam.",
        "SPF of softfail.test does not allow 127.0.0.1 (~all: softfail).")]
    [InlineData("support@reject.test", "Rejected",
        "DMARC p=reject: mail from support@reject.test through this server will be rejected.",
        "SPF of reject.test does not allow 127.0.0.1 (-all: fail).")]
    [InlineData("support@nospf.test", "Spam",
        "Nothing proves this server may send as nospf.test: mail from support@nospf.test through it may land in spam.",
        "nospf.test publishes no SPF record.")]
    [InlineData("support@lookups.test", "Spam",
        "DMARC p=quarantine: mail from support@lookups.test through this server will land in spam.",
        "The SPF record of lookups.test is broken: more than 10 DNS lookups; receivers treat it as a permanent error.")]
    public async Task Server_EachSpfAndDmarcCase_SaysWhatReceiversWillDecide(string sender, string verdict,
        string summary, string spf)
    {
        var forecast = await ForecastForServerAsync(await app.ApiClientAsync(), sender);

        Assert.Equal((verdict, summary), ((string?)forecast["verdict"], (string?)forecast["summary"]));
        Assert.Equal(spf, (string?)forecast["findings"]![0]);
    }

    [Fact]
    public async Task Server_SpfFailsUnderReject_GivesTheRecordToPublish()
    {
        var forecast = await ForecastForServerAsync(await app.ApiClientAsync(), "billing@reject.test");

        Assert.Equal("DMARC of reject.test: p=reject.", (string?)forecast["findings"]![1]);
        Assert.Equal("reject.test", (string?)forecast["publish"]!["name"]);
        Assert.Equal("v=spf1 ip4:127.0.0.1 ip4:192.0.2.1 -all", (string?)forecast["publish"]!["value"]);
        Assert.StartsWith("Add ip4:127.0.0.1 to the SPF record of reject.test.", (string?)forecast["fix"]);
    }

    [Fact]
    public async Task ChannelAndUser_TheirResolvedServerAndFrom_AreChecked_AndSupportMayRead_AgentsMayNot()
    {
        var admin = await app.ApiClientAsync();
        var server = (int)(await (await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Forecast relay", host = "127.0.0.1", port = 2525, security = "None", authMethod = "None",
            senderAddress = "relay@acme.test", sendAs = new[] { "*@reject.test", "*@acme.test" },
        })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = (int)(await (await admin.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Forecast channel", address = "sales@reject.test", serverId = server,
        })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await app.CreateUserAsync("forecast-support@acme.test", Roles.Support, "Support-Pa55word!");
        var agentId = await app.CreateUserAsync("forecast-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{agentId}",
            new { serverId = server })).StatusCode);
        var support = await app.ApiClientAsync("forecast-support@acme.test", "Support-Pa55word!");
        var agent = await app.ApiClientAsync("forecast-agent@acme.test", "Agent-Pa55word!");

        var forChannel = await support.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}/deliverability");
        var forUser = await support.GetFromJsonAsync<JsonObject>($"/api/v1/users/{agentId}/deliverability");

        Assert.Equal("Rejected", (string?)forChannel!["verdict"]);
        Assert.Contains("mail from sales@reject.test", (string?)forChannel["summary"]);
        Assert.Equal(
            "DMARC passes through SPF: receivers will accept mail from forecast-agent@acme.test through this server.",
            (string?)forUser!["summary"]);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await agent.GetAsync($"/api/v1/channels/{channel}/deliverability")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await agent.GetAsync($"/api/v1/smtp-servers/{server}/deliverability")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await support.GetAsync("/api/v1/channels/999999/deliverability")).StatusCode);
    }
}
