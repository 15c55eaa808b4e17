using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>Compose never loses a message: a preview of the signature changes nothing about what Send sends.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ComposeBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task AMessagePreviewedWithAFileChosen_IsSentWithTheFile()
    {
        var api = await browser.App.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..8];
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Compose relay {tag}", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Quotes {tag}", address = $"quotes-{tag}@acme.test", displayName = $"Quotes {tag}", serverId })).EnsureSuccessStatusCode();
        var recipient = MtaFixture.UniqueRecipient();
        var quote = Encoding.UTF8.GetBytes($"Quote {tag}: 12 seats, 3 nights.");

        await using var admin = await browser.NewSessionAsync();
        var page = admin.Page;
        await admin.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync("/Compose");
        await page.GetByLabel("From", Exact).SelectOptionAsync(new SelectOptionValue { Label = $"Quotes {tag} <quotes-{tag}@acme.test>" });
        await page.GetByLabel("To", Exact).FillAsync(recipient);
        await page.GetByLabel("Subject", Exact).FillAsync($"Your quote {tag}");
        await page.GetByLabel("Message", Exact).FillAsync("The quote is attached.");
        await page.GetByLabel("Attachments", Exact).SetInputFilesAsync(new FilePayload { Name = "quote.txt", MimeType = "text/plain", Buffer = quote });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview From, Reply-To and signature" }).ClickAsync();
        // The relay's login may not send as the channel's address: the preview shows the From it really uses, and
        // the channel's address as where replies go.
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Before you send" });
        await Assertions.Expect(preview).ToContainTextAsync($"Quotes {tag} <{MtaFixture.Relay.Login}>");
        await Assertions.Expect(preview).ToContainTextAsync($"Reply-To quotes-{tag}@acme.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // The message page follows the message; once it is Sent, the notice that it is queued is gone.
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("Sent");
        await Assertions.Expect(page.GetByText($"Your message to {recipient} is queued.")).ToHaveCountAsync(0);
        var (message, _) = await mta.DeliveredToAsync(recipient);
        var attachment = (MimeKit.MimePart)message.Attachments.Single();
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal("quote.txt", attachment.FileName);
        Assert.Equal(quote, content.ToArray());
        Assert.Empty(admin.ConsoleErrors);
    }
}
