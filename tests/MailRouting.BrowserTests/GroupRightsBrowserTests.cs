using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>
/// An admin gives a channel to a group and gives it a signature; an agent outside the group does not see the channel in Compose,
/// and after joining sends as it, with the channel's signature filled in for them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class GroupRightsBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task AChannelGivenToAGroup_IsOfferedToAnAgentOnlyOnceTheyJoin_AndTheirMessageGoesOutWithTheChannelsSignature()
    {
        var api = await browser.App.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        var address = $"team-{tag}@brand.test";
        var agentEmail = $"rights-{tag}@acme.test";
        await browser.App.CreateUserAsync(agentEmail, Roles.Agent, "Agent-Pa55word!");
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Brand {tag}", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, sendAs = new[] { "*@brand.test" },
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Team {tag}", address, displayName = $"Brand Team {tag}", serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
        });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var group = $"Brand team {tag}";
        var option = $"Brand Team {tag} <{address}>";

        await using var admin = await browser.NewSessionAsync();
        await admin.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await admin.Page.GotoAsync("/Groups");
        await admin.Page.GetByLabel("New group", Exact).FillAsync(group);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = group, Exact = true })).ToBeVisibleAsync();
        var groupPage = admin.Page.Url;
        await admin.Page.GotoAsync($"/Channels/Edit/{channelId}");
        await admin.Page.GetByLabel("Every agent may send as it", Exact).UncheckAsync();
        await admin.Page.GetByLabel($"{group} (0 members)").First.CheckAsync();
        await admin.CheckPageAsync("40-channel-given-to-a-group");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByText($"The group {group} (and admins)").First).ToBeVisibleAsync();
        await admin.Page.GetByLabel("Plain text", Exact).FillAsync("{name} for {channel}");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Save signature" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The channel's signature is saved.");

        await using var agent = await browser.NewSessionAsync();
        await agent.SignInAsync(agentEmail, "Agent-Pa55word!");
        await agent.Page.GotoAsync("/Compose");
        await Assertions.Expect(agent.Page.GetByLabel("From", Exact).Locator("option", new() { HasText = address })).ToHaveCountAsync(0);

        await admin.Page.GotoAsync(groupPage);
        await admin.Page.GetByLabel("Add a member (email)", Exact).FillAsync(agentEmail);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{agentEmail} is now a member.");

        await agent.Page.GotoAsync("/Compose");
        var customer = MtaFixture.UniqueRecipient();
        await agent.Page.GetByLabel("From", Exact).SelectOptionAsync(new SelectOptionValue { Label = option });
        await agent.Page.GetByLabel("To", Exact).FillAsync(customer);
        await agent.Page.GetByLabel("Subject", Exact).FillAsync($"Team {tag}");
        await agent.Page.GetByLabel("Message", Exact).FillAsync("From the team.");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(agent.Page.Locator("#message-status")).ToHaveTextAsync("Sent", new() { Timeout = 15_000 });
        var (message, _) = await mta.DeliveredToAsync(customer);
        Assert.Equal(address, message.From.Mailboxes.Single().Address);
        Assert.EndsWith($"-- \n{agentEmail} for Brand Team {tag}", message.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Empty(admin.ConsoleErrors);
        Assert.Empty(agent.ConsoleErrors);
    }
}
