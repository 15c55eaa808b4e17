using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MailRouting.IntegrationTests.HttpJson;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Sending in a project (brand), through Postfix: the project's sender, Reply-To and signature are used, a channel of another
/// project and a person outside the project are refused with the rule, and without a project everything works as before.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class ProjectSendTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task AMessageInAProject_UsesItsDefaultsAndSignature_AndItsRulesRefuseWhatIsOutside()
    {
        var api = await app.ApiClientAsync();
        var server = await BrandRelayAsync(api);
        var alphaAgentId = await app.CreateUserAsync("alpha-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var betaAgentId = await app.CreateUserAsync("beta-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var team = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/groups", new { name = "Alpha team" })))["id"]!;
        await api.PutAsync($"/api/v1/groups/{team}/members/alpha-agent@acme.test", null);
        var alpha = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/projects", new { name = "Alpha", memberGroups = new[] { team } })))["id"]!;
        var beta = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/projects", new { name = "Beta", memberUsers = new[] { "beta-agent@acme.test" } })))["id"]!;
        async Task<int> ChannelAsync(string address, params int[] projects) =>
            (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new { name = address, address, displayName = address, serverId = server, projects })))["id"]!;
        var alphaOrders = await ChannelAsync("alpha-orders@brand.test", alpha);
        var betaOrders = await ChannelAsync("beta-orders@brand.test", beta);
        var helpdesk = await ChannelAsync("helpdesk@brand.test");
        var configured = await api.PutAsJsonAsync($"/api/v1/projects/{alpha}", new
        {
            name = "Alpha", defaultSenderChannelId = alphaOrders, defaultReplyToChannelId = helpdesk, memberGroups = new[] { team },
        });
        await api.PutAsJsonAsync($"/api/v1/projects/{alpha}/signature", new { text = "Alpha, by {name}" });
        await api.PutAsJsonAsync("/api/v1/signatures/central", new { text = "Central" });
        var alphaAgent = await app.ApiClientAsync("alpha-agent@acme.test", "Agent-Pa55word!");
        var betaAgent = await app.ApiClientAsync("beta-agent@acme.test", "Agent-Pa55word!");
        var recipient = MtaFixture.UniqueRecipient();

        var inProject = await alphaAgent.PostAsJsonAsync("/api/v1/messages", new { projectId = alpha, to = new[] { recipient }, subject = "Alpha", text = "Hello." });
        var otherBrand = await alphaAgent.PostAsJsonAsync("/api/v1/messages", new { projectId = alpha, from = new { channelId = betaOrders }, to = new[] { "x@customer.test" }, text = "x" });
        var outsider = await betaAgent.PostAsJsonAsync("/api/v1/messages", new { projectId = alpha, to = new[] { "x@customer.test" }, text = "x" });
        var unknown = await alphaAgent.PostAsJsonAsync("/api/v1/messages", new { projectId = 999999, to = new[] { "x@customer.test" }, text = "x" });
        var withoutProject = await betaAgent.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = alphaOrders }, to = new[] { "x@customer.test" }, text = "x" });

        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, inProject.StatusCode);
        var (delivered, _) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("alpha-orders@brand.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal("helpdesk@brand.test", delivered.ReplyTo.Mailboxes.Single().Address);
        Assert.EndsWith("-- \nAlpha, by alpha-agent@acme.test", delivered.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBrand.StatusCode);
        Assert.Equal("beta-orders@brand.test is not available in the project Alpha: it is limited to the project Beta.", (string?)(await ReadAsync(otherBrand))["detail"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outsider.StatusCode);
        Assert.Equal("beta-agent@acme.test is not a member of the project Alpha.", (string?)(await ReadAsync(outsider))["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withoutProject.StatusCode);
        await ResolveExplainsTheProjectsRulesAsync(api, alpha, alphaOrders, betaOrders, helpdesk);
        await ResolveDecidesTheCallersOwnRightsAsync(alphaAgent, betaAgent, alphaAgentId, betaAgentId, alpha, helpdesk);
    }

    /// <summary>/api/v1/resolve asks the same resolver the sends do,
    /// so it explains a refusal that comes from a project.</summary>
    private static async Task ResolveExplainsTheProjectsRulesAsync(HttpClient api,
        int alpha, int alphaOrders, int betaOrders, int helpdesk)
    {
        var allowed = await api.GetFromJsonAsync<JsonObject>(
            $"/api/v1/resolve?channelId={alphaOrders}&projectId={alpha}&replyToChannelId={helpdesk}");
        var otherSender = await api.GetFromJsonAsync<JsonObject>(
            $"/api/v1/resolve?channelId={betaOrders}&projectId={alpha}");
        var otherReplyTo = await api.GetFromJsonAsync<JsonObject>(
            $"/api/v1/resolve?channelId={alphaOrders}&projectId={alpha}&replyToChannelId={betaOrders}");
        var unknown = await api.GetAsync($"/api/v1/resolve?channelId={alphaOrders}&projectId=999999");
        var unknownReplyTo = await api.GetAsync(
            $"/api/v1/resolve?channelId={alphaOrders}&projectId={alpha}&replyToChannelId=999999");

        Assert.True((bool)allowed!["ok"]!);
        Assert.Equal("helpdesk@brand.test", (string?)allowed["replyTo"]);
        Assert.Contains("Replies go to helpdesk@brand.test, the Reply-To asked for.",
            allowed["steps"]!.AsArray().Select(s => (string?)s));
        Assert.False((bool)otherSender!["ok"]!);
        Assert.Equal("NotPermitted", (string?)otherSender["failure"]!["code"]);
        Assert.Equal("beta-orders@brand.test is not available in the project Alpha: it is limited to the project Beta.",
            (string?)otherSender["failure"]!["message"]);
        Assert.Equal("Choose a Reply-To channel of the project.", (string?)otherReplyTo!["failure"]!["fix"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownReplyTo.StatusCode);
        Assert.Contains("replyToChannelId", (await ReadAsync(unknownReplyTo))["errors"]!.AsObject().Select(e => e.Key));
    }

    /// <summary>
    /// An agent asks about their own mail with a project and Reply-To, and hears their own rights; Support reads how
    /// mail goes out without rights of their own, so a project they are not a member of does not refuse them.
    /// </summary>
    private async Task ResolveDecidesTheCallersOwnRightsAsync(HttpClient alphaAgent, HttpClient betaAgent,
        string alphaAgentId, string betaAgentId, int alpha, int helpdesk)
    {
        await app.CreateUserAsync("support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.ApiClientAsync("support@acme.test", "Support-Pa55word!");
        var query = $"projectId={alpha}&replyToChannelId={helpdesk}";

        var member = await alphaAgent.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?userId={alphaAgentId}&{query}");
        var outsider = await betaAgent.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?userId={betaAgentId}&{query}");
        var someoneElse = await betaAgent.GetAsync($"/api/v1/resolve?userId={alphaAgentId}&{query}");
        var bySupport = await support.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?userId={betaAgentId}&{query}");

        Assert.True((bool)member!["ok"]!, member.ToJsonString());
        Assert.Equal("helpdesk@brand.test", (string?)member["replyTo"]);
        Assert.False((bool)outsider!["ok"]!);
        Assert.Equal("beta-agent@acme.test is not a member of the project Alpha.",
            (string?)outsider["failure"]!["message"]);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
        Assert.True((bool)bySupport!["ok"]!, bySupport.ToJsonString());
    }

    [Fact]
    public async Task AnInactiveReplyTo_IsRefusedForAProject_AndOneThatBecomesInactiveLater_IsAProblemOnItsPage_NotFailedMail()
    {
        var api = await app.ApiClientAsync();
        var server = await BrandRelayAsync(api);
        async Task<int> ChannelAsync(string address) =>
            (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new { name = address, address, serverId = server })))["id"]!;
        var orders = await ChannelAsync("orders@brand.test");
        var helpdesk = await ChannelAsync("helpdesk@brand.test");
        var closed = await ChannelAsync("closed@brand.test");
        await SetActiveAsync(closed, false);

        var refused = await api.PostAsJsonAsync("/api/v1/projects", new { name = "Gamma", defaultSenderChannelId = orders, defaultReplyToChannelId = closed });
        var project = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/projects", new { name = "Gamma", defaultSenderChannelId = orders, defaultReplyToChannelId = helpdesk })))["id"]!;
        await SetActiveAsync(helpdesk, false);
        var recipient = MtaFixture.UniqueRecipient();
        var sent = await api.PostAsJsonAsync("/api/v1/messages", new { projectId = project, to = new[] { recipient }, subject = "Gamma", text = "Hello." });
        var page = System.Net.WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync($"/Projects/Edit/{project}"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("closed@brand.test is inactive", (string?)(await ReadAsync(refused))["errors"]!["defaultReplyToChannelId"]![0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var (delivered, _) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("orders@brand.test", delivered.From.Mailboxes.Single().Address);
        Assert.Empty(delivered.ReplyTo.Mailboxes);
        Assert.Contains("helpdesk@brand.test has become inactive", page, StringComparison.Ordinal);
    }

    /// <summary>A server at Postfix whose login may send as any address of brand.test.</summary>
    private async Task<int> BrandRelayAsync(HttpClient api) => (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
    {
        name = "Brand relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
        username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, sendAs = new[] { "*@brand.test" },
        pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
    })))["id"]!;

    private async Task SetActiveAsync(int channel, bool active)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRouting.Data.MailRoutingDbContext>();
        await db.EmailChannels.Where(c => c.Id == channel).ExecuteUpdateAsync(c => c.SetProperty(x => x.IsActive, active));
    }
}
