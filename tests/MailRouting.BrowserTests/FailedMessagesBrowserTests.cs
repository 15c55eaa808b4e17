using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>
/// Mail refused by the real Postfix (553: the server's login does not own the channel's address): Support finds and reads
/// the failed message, an admin fixes the server and retries every failed message of the channel, and they go out.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FailedMessagesBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task SupportReadsTheFailure_AnAdminFixesTheServer_AndRetriesTheChannelsFailedMessages()
    {
        await WalkData.EnsureAsync(browser.App);
        var api = await browser.App.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..8];
        var address = $"orders-{tag}@brand.test";
        // The agent's login may not send as @brand.test; Postfix says so with 553, and the message fails at once.
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Brand relay {tag}", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Agent.Login, password = MtaFixture.Agent.Password, sendAs = new[] { "*@brand.test" },
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Orders {tag}", address, serverId });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var recipients = new[] { MtaFixture.UniqueRecipient(), MtaFixture.UniqueRecipient() };
        var ids = new List<string>();
        foreach (var recipient in recipients)
        {
            var accepted = await api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId }, to = new[] { recipient }, subject = $"Order {tag}", text = "Your order." });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            ids.Add((string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        foreach (var id in ids)
        {
            await Eventually.MessageAsync(api, id, m => (string?)m["status"] == "Failed");
        }

        await using (var support = await browser.NewSessionAsync())
        {
            await support.SignInAsync(WalkData.Email(Roles.Support), WalkData.Password);
            // Support's home page lists the newest failures with what went wrong, each linking to the message.
            await support.Page.GotoAsync("/");
            var failures = support.Page.GetByRole(AriaRole.Region, new() { Name = "Recent failures" });
            await Assertions.Expect(failures.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Order {tag}" }).First).ToContainTextAsync("SenderNotOwned");
            await failures.GetByRole(AriaRole.Link, new() { Name = $"Order {tag}" }).First.ClickAsync();
            await Assertions.Expect(support.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("553");
            await Assertions.Expect(support.Page.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
            await support.CheckPageAsync("30-support-reads-failed-message");
            Assert.Empty(support.ConsoleErrors);
        }

        await using var admin = await browser.NewSessionAsync();
        var page = admin.Page;
        await admin.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync($"/SmtpServers/Edit/{serverId}");
        await page.GetByLabel("Username", Exact).FillAsync(MtaFixture.Relay.Login);
        await page.GetByLabel("Password", Exact).FillAsync(MtaFixture.Relay.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" })).ToBeVisibleAsync();
        await page.GotoAsync($"/Channels/Details/{channelId}");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry failed messages" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 failed messages are queued again");
        await page.GotoAsync($"/Messages/Details/{ids[0]}");
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("Sent", new() { Timeout = 30_000 });
        await admin.CheckPageAsync("31-retried-message-sent");

        foreach (var recipient in recipients)
        {
            var (message, _) = await mta.DeliveredToAsync(recipient);
            Assert.Equal(address, message.From.Mailboxes.Single().Address);
        }

        Assert.Empty(admin.ConsoleErrors);
    }
}
