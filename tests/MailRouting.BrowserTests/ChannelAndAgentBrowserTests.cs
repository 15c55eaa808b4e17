using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class ChannelAndAgentBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    /// <summary>
    /// The 8x8 setup end to end: a custom default server, a channel with its own login, an agent with override who
    /// completes their part on the Profile page.
    /// </summary>
    [Fact]
    public async Task Admin_SetsUpServerChannelAndAgent_AndTheAgentCompletesTheirProfile()
    {
        await using var admin = await browser.NewSessionAsync();
        var page = admin.Page;
        await admin.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        await page.GotoAsync("/SmtpServers/Edit");
        await page.FillServerAsync("AcmeJets SMTP", mta, MtaFixture.Relay);
        await page.Locator("summary", new() { HasText = "Advanced settings" }).ClickAsync();
        await page.GetByLabel("Pinned certificate (SHA-256)", Exact).FillAsync(mta.CertificateSha256);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GotoAsync("/SmtpServers");
        string? asked = null;
        page.Dialog += (_, dialog) =>
        {
            asked = dialog.Message;
            _ = dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Make default: AcmeJets SMTP" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("'AcmeJets SMTP' is now the default server.");
        Assert.Contains("Every channel and user without a server of its own", asked);
        await admin.CheckPageAsync("10-servers-with-new-default");

        await page.GotoAsync("/Channels/Edit");
        await admin.CheckPageAsync("11-add-channel");
        await page.GetByLabel("Name", Exact).FillAsync("Sales");
        await page.GetByLabel("Address", Exact).FillAsync("sales@acme.test");
        await page.GetByLabel("Display name", Exact).FillAsync("Acme Sales");
        await page.GetByLabel("Override server configuration (sign in with this channel's own login)", Exact).CheckAsync();
        await page.GetByLabel("Password", Exact).FillAsync(MtaFixture.Sales.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Mail goes out via AcmeJets SMTP, signed in as sales@acme.test, From: Acme Sales <sales@acme.test>.")).ToBeVisibleAsync();
        var recipient = MtaFixture.UniqueRecipient();
        await page.GetByLabel("Send a test message to (optional)", Exact).FillAsync(recipient);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        await admin.CheckPageAsync("12-channel-tested");
        var (delivered, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("sales@acme.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal("sales@acme.test", returnPath);

        await page.GotoAsync("/Users/Create");
        await admin.CheckPageAsync("13-add-user");
        await page.GetByLabel("Email", Exact).FillAsync("agent@acme.test");
        await page.GetByLabel("Display name", Exact).FillAsync("Agent Smith");
        await page.GetByLabel("Role", Exact).SelectOptionAsync("Agent");
        await page.GetByLabel("Initial password", Exact).FillAsync("Agent-Pa55word!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await page.GetByLabel("Override server configuration (the user signs in with their own mail account)", Exact).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mail settings of agent@acme.test saved.");
        await admin.CheckPageAsync("14-user-mail-settings");
        await page.GotoAsync("/Users");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Agent Smith" })).ToContainTextAsync("Default (AcmeJets SMTP) — own login");
        Assert.Empty(admin.ConsoleErrors);

        await using var agent = await browser.NewSessionAsync();
        await agent.SignInAsync("agent@acme.test", "Agent-Pa55word!");
        var banner = agent.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "No email password is configured for your email account" });
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await agent.CheckPageAsync("15-agent-banner");
        await agent.Page.GetByRole(AriaRole.Link, new() { Name = "Set it on your profile" }).ClickAsync();
        await agent.Page.GetByLabel("Password", Exact).FillAsync(MtaFixture.Agent.Password);
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();

        await Assertions.Expect(agent.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email password is saved, and it works");
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Page.GetByText("Mail goes out via AcmeJets SMTP, signed in as agent@acme.test, From: Agent Smith <agent@acme.test>.")).ToBeVisibleAsync();
        await agent.CheckPageAsync("16-agent-profile");
        Assert.DoesNotContain(MtaFixture.Agent.Password, await agent.Page.ContentAsync());

        await agent.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Compose" }).ClickAsync();
        await Assertions.Expect(agent.Page.GetByRole(AriaRole.Row, new() { Name = "Acme Sales <sales@acme.test>" }))
            .ToContainTextAsync("Mail goes out via AcmeJets SMTP, signed in as sales@acme.test");
        await agent.CheckPageAsync("17-compose");
        var customer = MtaFixture.UniqueRecipient();
        await agent.Page.GetByLabel("From", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Acme Sales <sales@acme.test>" });
        await agent.Page.GetByLabel("To", Exact).FillAsync(customer);
        await agent.Page.GetByLabel("Subject", Exact).FillAsync("Your quote");
        await agent.Page.GetByLabel("Message", Exact).FillAsync("Here is your quote.");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        // The message's page follows its status by itself, without a reload, until it is Sent; "is queued" is then gone.
        await Assertions.Expect(agent.Page.Locator("#message-status")).ToHaveTextAsync("Sent", new() { Timeout = 15_000 });
        await Assertions.Expect(agent.Page.GetByText("is queued")).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Page.GetByText("Queue id")).ToBeVisibleAsync();
        await agent.CheckPageAsync("18-message-sent");
        var (quote, quoteReturnPath) = await mta.DeliveredToAsync(customer);
        Assert.Equal("sales@acme.test", quote.From.Mailboxes.Single().Address);
        Assert.Equal("sales@acme.test", quoteReturnPath);
        await agent.Page.GotoAsync("/Messages?status=Sent");
        await Assertions.Expect(agent.Page.GetByRole(AriaRole.Row, new() { Name = "Your quote" })).ToContainTextAsync("Sent");
        await agent.CheckPageAsync("19-messages");
        Assert.Empty(agent.ConsoleErrors);
    }
}
