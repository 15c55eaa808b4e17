using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Pages;

public sealed class ComposePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Compose_InvalidRecipients_ShowsWhyAndQueuesNothing()
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        var api = await app.ApiClientAsync();
        var before = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!;

        var response = await browser.PostFormAsync("/Compose", new() { ["Input.From"] = me, ["Input.To"] = "not-an-address", ["Input.Subject"] = "Hi", ["Input.Body"] = "" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not valid email addresses: not-an-address.", html);
        Assert.Contains("Give a plain-text or HTML body.", html);
        Assert.Equal(before, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
    }

    [Fact]
    public async Task Compose_AfterAPreview_SendStillSends()
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        var api = await app.ApiClientAsync();
        var before = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!;
        var message = new Dictionary<string, string> { ["Input.From"] = me, ["Input.To"] = "someone@customer.test", ["Input.Subject"] = "After a preview", ["Input.Body"] = "Hello" };

        var previewed = await (await browser.PostFormAsync("/Compose?handler=Preview", new(message), "/Compose")).Content.ReadAsStringAsync();
        var form = System.Text.RegularExpressions.Regex.Match(previewed, "<form [^>]*multipart/form-data[^>]*>").Value;
        var action = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "action=\"([^\"]*)\"").Groups[1].Value);
        var sent = await browser.PostFormAsync(action, new(message), "/Compose");

        Assert.Contains("Before you send", previewed);
        Assert.Equal("/Compose", action);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(before + 1, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
    }

    [Fact]
    public async Task Compose_OneFormattedBody_GoesOutAsHtmlWithAPlainTextVersion()
    {
        var browser = await app.BrowserAsync();
        var me = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("/Compose"), "option value=\"(user:[^\"]+)\"").Groups[1].Value;

        var sent = await browser.PostFormAsync("/Compose", new()
        {
            ["Input.From"] = me, ["Input.To"] = "someone@customer.test", ["Input.Subject"] = "Formatted", ["Input.Formatted"] = "true",
            ["Input.Body"] = "<p>Hello <b>there</b></p>", ["Input.AddSignature"] = "false",
        });
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(sent.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Matches(@"<pre class=""message-text""[^>]*>\s*Hello there", page);
        Assert.Contains("<b>there</b>", page);
    }

    [Fact]
    public async Task Compose_WithAnErrorAndAttachments_NamesTheFilesToChooseAgain()
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(FormPosting.AntiforgeryTokenOf(page))), "__RequestVerificationToken" },
            { new StringContent(me), "Input.From" },
            { new StringContent("not-an-address"), "Input.To" },
            { new StringContent("Quote"), "Input.Subject" },
            { new StringContent("See attached."), "Input.Body" },
            { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "Input.Attachments", "quote-2026.pdf" },
            { new ByteArrayContent([1, 2, 3]), "Input.Attachments", "price list.xlsx" },
        };

        var response = await browser.PostAsync("/Compose", form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose the attachments again (a browser does not keep chosen files when a form comes back): quote-2026.pdf, price list.xlsx", html);
    }

    [Fact]
    public async Task Compose_OffersReplyToChannels_AndTheMessageCarriesTheChosenOne()
    {
        var api = await app.ApiClientAsync();
        var tag = $"r{Guid.NewGuid():N}"[..9];
        var helpdesk = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Helpdesk {tag}", address = $"helpdesk-{tag}@acme.test", usableAsReplyTo = true });
        var helpdeskId = (int)(await helpdesk.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var closed = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Closed {tag}", address = $"closed-{tag}@acme.test", usableAsReplyTo = false });
        var closedId = (int)(await closed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await app.CreateUserAsync($"compose-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var browser = await app.BrowserAsync($"compose-{tag}@acme.test", "Agent-Pa55word!");
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        Dictionary<string, string> Form(int replyTo) => new()
        {
            ["Input.From"] = me, ["Input.To"] = "customer@customer.test", ["Input.Subject"] = tag, ["Input.Body"] = "Hi", ["Input.ReplyToChannelId"] = $"{replyTo}",
        };

        var refused = await browser.PostFormAsync("/Compose", Form(closedId));
        var sent = await browser.PostFormAsync("/Compose", Form(helpdeskId));

        Assert.Contains($"<option value=\"{helpdeskId}\">", page);
        Assert.DoesNotContain($"<option value=\"{closedId}\">", page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"compose-{tag}@acme.test may not use closed-{tag}@acme.test as Reply-To", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MailRouting.Data.MailRoutingDbContext>().Outbox.Where(m => m.Subject == tag).ToListAsync();
        using var mime = new MemoryStream(Assert.Single(stored).Mime);
        Assert.Equal($"helpdesk-{tag}@acme.test", (await MimeKit.MimeMessage.LoadAsync(mime)).ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Compose_IsForAgentsAndAdmins_NotSupport()
    {
        await app.CreateUserAsync("support-compose@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("support-compose@acme.test", "Support-Pa55word!");

        var response = await support.GetAsync("/Compose");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Compose_ToFifteenHundredRecipients_KeepsTheStatusMessageSmall()
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        var recipients = string.Join(", ", Enumerable.Range(0, 1500).Select(i => $"customer-{i:D4}@customer.test"));

        var sent = await browser.PostFormAsync("/Compose", new() { ["Input.From"] = me, ["Input.To"] = recipients, ["Input.Subject"] = "News", ["Input.Body"] = "Hello" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var cookies = sent.Headers.GetValues("Set-Cookie").ToList();
        Assert.All(cookies, c => Assert.True(c.Length < 1500, $"A {c.Length}-character cookie"));
        var next = await browser.GetAsync(sent.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("1,498 more", WebUtility.HtmlDecode(await next.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }
}
