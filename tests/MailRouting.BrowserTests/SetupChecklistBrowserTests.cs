using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>A new admin on a fresh install of their own reaches a first delivered message by following the checklist alone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SetupChecklistBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task ANewAdmin_FollowsTheChecklist_ToAFirstDeliveredMessage()
    {
        var port = AppProcess.FreePort();
        await using var app = AppFactory.With(new Dictionary<string, string> { ["PublicUrl"] = $"http://127.0.0.1:{port}" });
        app.UseKestrel(port);
        app.StartServer();
        await using var session = await browser.NewSessionAsync($"http://127.0.0.1:{port}");
        var page = session.Page;
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var checklist = page.GetByRole(AriaRole.Region, new() { Name = "Get started" });
        await Assertions.Expect(checklist.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Get started: 0 of 5 steps done");
        await session.CheckPageAsync("checklist-01-fresh");

        await checklist.GetByRole(AriaRole.Link, new() { Name = "Add your mail server and pass its test" }).ClickAsync();
        await page.FillServerAsync("Our relay", mta, MtaFixture.Relay);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test these settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Trust this certificate and test again" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        await page.GetByLabel("Make it the default server", Exact).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("it is now the default server");

        await page.GotoAsync("/");
        await Assertions.Expect(checklist.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Get started: 2 of 5 steps done");
        await checklist.GetByRole(AriaRole.Link, new() { Name = "Add a channel for each shared address" }).ClickAsync();
        await page.GetByLabel("Name", Exact).FillAsync("Relay desk");
        await page.GetByLabel("Address", Exact).FillAsync(MtaFixture.Relay.Login);
        await page.GetByLabel("Display name", Exact).FillAsync("Acme Relay");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");

        await page.GotoAsync("/");
        await checklist.GetByRole(AriaRole.Link, new() { Name = "Add your agents, or groups of them" }).ClickAsync();
        await page.GetByLabel("Email", Exact).FillAsync("first-agent@acme.test");
        await page.GetByLabel("Display name", Exact).FillAsync("First Agent");
        await page.GetByLabel("Initial password", Exact).FillAsync("Agent-Pa55word!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(checklist.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Get started: 4 of 5 steps done");
        await session.CheckPageAsync("checklist-02-four-done");
        await checklist.GetByRole(AriaRole.Link, new() { Name = "Send a first message" }).ClickAsync();
        var recipient = MtaFixture.UniqueRecipient();
        await page.GetByLabel("From", Exact).SelectOptionAsync(new SelectOptionValue { Label = $"Acme Relay <{MtaFixture.Relay.Login}>" });
        await page.GetByLabel("To", Exact).FillAsync(recipient);
        await page.GetByLabel("Subject", Exact).FillAsync("Our first message");
        await page.GetByLabel("Message", Exact).FillAsync("Hello from MailRouting.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("Sent", new() { Timeout = 30_000 });

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home" })).ToBeVisibleAsync();
        await Assertions.Expect(checklist).ToHaveCountAsync(0);
        var (message, _) = await mta.DeliveredToAsync(recipient);
        Assert.Equal(MtaFixture.Relay.Login, message.From.Mailboxes.Single().Address);
        Assert.Empty(session.ConsoleErrors);
    }
}
