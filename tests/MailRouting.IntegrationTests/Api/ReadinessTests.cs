using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// The readiness check over a mixed configuration (passwords and OAuth2 to Microsoft 365 and Google, Graph, a local
/// server), and the one-step move of channels to Graph, each tested on the Graph stand-in before it is saved.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class ReadinessTests(MtaFixture mta) : OAuthAppTests(mta)
{

    [Fact]
    public async Task MixedConfiguration_EachSignInIsJudged_TheAtRiskOnesNamed()
    {
        var office = await ServerAsync("Office password", "smtp.office365.com", "Plain", "sales@acme.test");
        var officeOAuth = await ServerAsync("Office OAuth", "smtp.office365.com", "OAuth2", "support@acme.test",
            await OAuth.AppAsync());
        var gmail = await ServerAsync("Gmail password", "smtp.gmail.com", "Plain", "agent@acme.test");
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", ["*@acme.test"]);
        var sales = await OAuth.ChannelAsync("sales@acme.test", office);
        var ownLogin = await CreatedAsync("/api/v1/channels", new
        {
            name = "Billing", address = "billing@acme.test", serverId = office, overrideCredentials = true,
                username = "billing@acme.test",
            password = "billing-secret",
        });
        var onGraph = await OAuth.ChannelAsync("support@acme.test", graph);
        await OAuth.AgentWithOwnLoginAsync("agent@acme.test", "Agent-Pa55word!", gmail);

        var items = (await Api.GetFromJsonAsync<JsonArray>("/api/v1/readiness"))!;

        Assert.Equal("AtRisk", Verdict(items, "Server", office));
        Assert.Equal("WhileSmtpAuthAllowed", Verdict(items, "Server", officeOAuth));
        Assert.Equal("AtRisk", Verdict(items, "Server", gmail));
        Assert.Equal("Ready", Verdict(items, "Server", graph));
        Assert.Equal("AtRisk", Verdict(items, "Channel", sales));
        Assert.Equal("AtRisk", Verdict(items, "Channel", ownLogin));
        Assert.Equal("Ready", Verdict(items, "Channel", onGraph));
        var user = items.Single(i => (string?)i!["kind"] == "User")!;
        Assert.Equal(("AtRisk", "agent@acme.test", "Google"), ((string?)user["verdict"], (string?)user["login"],
            (string?)user["provider"]));
        Assert.Contains("the end of December 2026", (string?)items.Single(i =>
                    (string?)i!["name"] == "Billing")!["reason"]);
        Assert.Equal("billing@acme.test", (string?)items.Single(i => (string?)i!["name"] == "Billing")!["login"]);
    }

    [Fact]
    public async Task Move_ChannelsToGraph_EachTestedFirst_OnlyThoseThatPassMove_AndMailGoesOutThroughGraph()
    {
        var office = await ServerAsync("Office password", "smtp.office365.com", "Plain", "sales@acme.test");
        var support = await OAuth.ChannelAsync("support@acme.test", office);
        var outsider = await OAuth.ChannelAsync("news@brand.test", office);
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", ["*@acme.test"]);
        var notConnected = await OAuth.GraphServerAsync("agent@acme.test", "agent@acme.test", []);

        var refusedAll = await MoveAsync(notConnected, [support]);
        var moved = await MoveAsync(graph, [support, outsider, 424242]);

        Assert.False((bool)refusedAll[0]!["moved"]!);
        Assert.Contains("not connected", (string?)refusedAll[0]!["outcome"]);
        Assert.Equal([true, true, false], moved.Select(r => (bool)r!["moved"]!));
        Assert.Equal(graph, (int?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{support}"))!["serverId"]);
        var to = MtaFixture.UniqueRecipient();
        var sent = await Api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = support },
            to = new[] { to }, subject = "Moved", text = "x" });
        var done = await Eventually.MessageAsync(Api,
            (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
            m => (string?)m["status"] is "Sent" or "Failed");
        Assert.Equal("Sent", (string?)done["status"]);
        Assert.Equal("support@acme.test", (await Mta.DeliveredToAsync(to)).Message.From.Mailboxes.Single().Address);
        Assert.Contains(Mta.Graph.Calls, c => c is { Mailbox: "support@acme.test", Status: 202 });
    }

    [Fact]
    public async Task Roles_SupportReadsThePageAndTheList_OnlyAdminsMove_AndBadInputIsA400()
    {
        await App.CreateUserAsync("ready-support@acme.test", Roles.Support, "Support-Pa55word!");
        await App.CreateUserAsync("ready-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var supportApi = await App.ApiClientAsync("ready-support@acme.test", "Support-Pa55word!");
        var agentApi = await App.ApiClientAsync("ready-agent@acme.test", "Agent-Pa55word!");
        using var supportBrowser = await App.BrowserAsync("ready-support@acme.test", "Support-Pa55word!");
        using var agentBrowser = await App.BrowserAsync("ready-agent@acme.test", "Agent-Pa55word!");
        await ServerAsync("Office password", "smtp.office365.com", "Plain", "sales@acme.test");

        Assert.Equal(HttpStatusCode.OK, (await supportApi.GetAsync("/api/v1/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentApi.GetAsync("/api/v1/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supportApi.PostAsJsonAsync("/api/v1/readiness/move",
            new { serverId = 1, channelIds = new[] { 1 } })).StatusCode);
        var page = await supportBrowser.GetStringAsync("/Readiness");
        Assert.Contains("At risk", page);
        Assert.DoesNotContain("move-form", page);
        Assert.StartsWith("/Account/AccessDenied",
            (await agentBrowser.GetAsync("/Readiness")).Headers.Location!.PathAndQuery,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsJsonAsync("/api/v1/readiness/move", new { serverId = 1,
            channelIds = Array.Empty<int>() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Api.PostAsJsonAsync("/api/v1/readiness/move", new { serverId = 1, channelIds = new[] { 1 },
                testRecipient = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PostAsJsonAsync("/api/v1/readiness/move",
            new { serverId = 424242, channelIds = new[] { 1 } })).StatusCode);
    }

    [Fact]
    public async Task Probe_AsksEachSmtpServerWhatItAdvertises_WithoutSigningIn()
    {
        var postfix = await OAuth.PostfixServerAsync(MtaFixture.Relay);
        var closed = await CreatedAsync("/api/v1/smtp-servers", new
        {
            name = "Nobody home", host = MtaFixture.Host, port = Mta.ClosedPort, security = "None", authMethod = "None",
            senderAddress = "relay@acme.test", timeoutSeconds = 3,
        });
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", []);
        var failedSignIns = Mta.AuthFailureCount();
        await App.CreateUserAsync("probe-support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await App.ApiClientAsync("probe-support@acme.test", "Support-Pa55word!");

        var response = await Api.PostAsync("/api/v1/readiness/probe", null);
        var advertised = (await response.Content.ReadFromJsonAsync<JsonArray>())!;

        var atPostfix = advertised.Single(a => (int?)a!["serverId"] == postfix)!;
        Assert.Contains("PLAIN", atPostfix["mechanisms"]!.AsArray().Select(m => (string?)m));
        Assert.True((bool)atPostfix["offersOAuth2"]!);
        var atClosed = advertised.Single(a => (int?)a!["serverId"] == closed)!;
        Assert.Null(atClosed["mechanisms"]);
        Assert.StartsWith("Not reached", (string?)atClosed["summary"]);
        Assert.DoesNotContain(advertised, a => (int?)a!["serverId"] == graph);
        Assert.Equal(failedSignIns, Mta.AuthFailureCount());
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsync("/api/v1/readiness/probe", null)).StatusCode);
    }

    [Fact]
    public async Task Move_AUserWithALoginOfTheirOwn_IsTestedAndMoved_AndTheirMailGoesOutThroughGraph()
    {
        var office = await ServerAsync("Office password", "smtp.office365.com", "Plain", "sales@acme.test");
        var userId = await OAuth.AgentWithOwnLoginAsync("agent@acme.test", "Agent-Pa55word!", office);
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", ["*@acme.test"]);
        var to = MtaFixture.UniqueRecipient();

        var response = await Api.PostAsJsonAsync("/api/v1/readiness/move",
            new { serverId = graph, userIds = new[] { userId, "no-such-user" } });
        var moved = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        var agent = await App.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");
        var sent = await DoneAsync(agent, await AcceptedAsync(agent, new { from = new { userId }, to = new[] { to },
            subject = "Moved user", text = "x" }));

        Assert.Equal([(true, "User"), (false, "User")], moved.Select(r => ((bool)r!["moved"]!, (string?)r["kind"])));
        Assert.Equal("No such user.", (string?)moved[1]!["outcome"]);
        Assert.True((string?)sent["status"] == "Sent", sent.ToJsonString());
        Assert.Equal("agent@acme.test", (await Mta.DeliveredToAsync(to)).Message.From.Mailboxes.Single().Address);
        Assert.Contains(Mta.Graph.Calls, c => c is { Mailbox: "agent@acme.test", AsApp: true, Status: 202 });
    }

    [Fact]
    public async Task Move_SendsTheChannelsHeldMessages_ThroughTheNewServer_WithTheirMessageId()
    {
        var refusing = await OAuth.PostfixServerAsync((MtaFixture.Support.Login, "an-old-password"),
            "Postfix, old password");
        var channel = await OAuth.ChannelAsync("support@acme.test", refusing);
        var to = MtaFixture.UniqueRecipient();
        var accepted = await AcceptedAsync(Api, new { from = new { channelId = channel }, to = new[] { to },
            subject = "Held, then moved", text = "x" });
        await Eventually.MessageAsync(Api, (string)accepted["id"]!, m => m["attempts"]!.AsArray().Any(a =>
            (string?)a!["outcome"] == "Held until the sign-in settings change"));
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", []);

        var moved = await MoveAsync(graph, [channel]);
        var sent = await DoneAsync(Api, accepted);

        Assert.True((bool)moved[0]!["moved"]!, moved.ToJsonString());
        Assert.True((string?)sent["status"] == "Sent", sent.ToJsonString());
        Assert.Equal(graph, (int)sent["serverId"]!);
        Assert.Contains(sent["attempts"]!.AsArray(), a =>
            ((string?)a!["outcome"])!.EndsWith("(Microsoft Graph at 127.0.0.1)", StringComparison.Ordinal));
        Assert.Equal((string?)accepted["messageId"], (await Mta.DeliveredToAsync(to)).Message.MessageId);
        Assert.Contains(Mta.Graph.Calls, c => c is { Mailbox: "support@acme.test", Status: 202 }
            && c.MessageId == (string?)accepted["messageId"]);
    }

    [Fact]
    public async Task Page_AdminMovesAChannel_WithTheOutcomeShown_AndAnEmptyChoiceExplained()
    {
        var office = await ServerAsync("Office password", "smtp.office365.com", "Plain", "sales@acme.test");
        var support = await OAuth.ChannelAsync("support@acme.test", office);
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", ["*@acme.test"]);
        using var browser = await App.BrowserAsync();

        var nothingChosen = await browser.PostFormAsync("/Readiness?handler=Move",
            new() { ["TargetServerId"] = $"{graph}" }, "/Readiness");
        var stayed = (int?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{support}"))!["serverId"];
        var moved = await browser.PostFormAsync("/Readiness?handler=Move",
            new() { ["TargetServerId"] = $"{graph}", ["ChannelIds"] = $"{support}" }, "/Readiness");

        Assert.Equal(HttpStatusCode.OK, nothingChosen.StatusCode);
        Assert.Contains("Choose the channels and users to move.", await nothingChosen.Content.ReadAsStringAsync());
        Assert.Equal(office, stayed);
        var page = await moved.Content.ReadAsStringAsync();
        Assert.Contains("Moved 1 of 1", page);
        Assert.Contains("Tested and moved to", page);
        Assert.Equal(graph, (int?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{support}"))!["serverId"]);
    }

    [Fact]
    public async Task Page_AdminProbes_AndSeesWhatEachServerAdvertises()
    {
        await OAuth.PostfixServerAsync(MtaFixture.Relay);
        using var browser = await App.BrowserAsync();

        var probed = await browser.PostFormAsync("/Readiness?handler=Probe", [], "/Readiness");

        var page = await probed.Content.ReadAsStringAsync();
        Assert.Contains("What the servers advertise", page);
        Assert.Contains($"Postfix ({MtaFixture.Host}:{Mta.SubmissionPort}):", page);
        Assert.Contains("PLAIN", page);
    }

    private async Task<JsonArray> MoveAsync(int serverId, int[] channelIds)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/readiness/move", new { serverId, channelIds });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private Task<int> ServerAsync(string name, string host, string auth, string login, int? appId = null) =>
        CreatedAsync("/api/v1/smtp-servers", new
        {
            name, host, security = "StartTls", authMethod = auth, username = login,
                password = auth == "Plain" ? "secret" : null,
            oauthAppId = appId,
        });

    private async Task<int> CreatedAsync(string path, object body)
    {
        var created = await Api.PostAsJsonAsync(path, body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static string? Verdict(JsonArray items, string kind, int id) =>
        (string?)items.Single(i =>
                (string?)i!["kind"] == kind
                && (string?)i["id"] == id.ToString(System.Globalization.CultureInfo.InvariantCulture))!["verdict"];
}
