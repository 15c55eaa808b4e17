using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The Messages list: search, filters and a pager that keeps them, on the page and the API.</summary>
public sealed partial class MessagesPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Admin, int ServerId, string Tag)> MessagesAsync(int count)
    {
        var admin = await app.ApiClientAsync();
        var tag = $"t{Guid.NewGuid():N}"[..10];
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Nowhere {tag}", host = "127.0.0.1", port = 1, security = "None", authMethod = "None", senderAddress = $"{tag}@acme.test", timeoutSeconds = 1,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new { name = tag, address = $"{tag}@acme.test", serverId });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var batch = await admin.PostAsJsonAsync("/api/v1/messages/batch", new
        {
            messages = Enumerable.Range(0, count).Select(i => new
            {
                from = new { channelId }, to = new[] { $"{(i == 0 ? "invoice-" : "")}{tag}-{i}@customer.test" }, subject = i == 1 ? $"Refund {tag}" : $"Hello {tag}", text = "x",
            }),
        });
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        return (admin, serverId, tag);
    }

    private static int Rows(string html) => MessageRow().Count(html);

    [Fact]
    public async Task Search_MatchesRecipientsAndSubjects_AndTheFiltersNarrowIt()
    {
        var (_, serverId, tag) = await MessagesAsync(3);
        var browser = await app.BrowserAsync();

        var byRecipient = await browser.GetStringAsync($"/Messages?search=invoice-{tag}");
        var bySubject = await browser.GetStringAsync($"/Messages?search=Refund+{tag}");
        var byChannel = await browser.GetStringAsync($"/Messages?channel={tag}@acme.test");
        var byServer = await browser.GetStringAsync($"/Messages?serverId={serverId}&search={tag}");
        var byUser = await browser.GetStringAsync($"/Messages?user={AppFactory.AdminEmail}&search={tag}");
        var beforeToday = await browser.GetStringAsync($"/Messages?search={tag}&to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}");
        var fromToday = await browser.GetStringAsync($"/Messages?search={tag}&from={DateTime.UtcNow:yyyy-MM-dd}");

        Assert.Equal(1, Rows(byRecipient));
        Assert.Equal(1, Rows(bySubject));
        Assert.Equal(3, Rows(byChannel));
        Assert.Equal(3, Rows(byServer));
        Assert.Equal(0, Rows(byUser));
        Assert.Contains("No messages match", beforeToday);
        Assert.Equal(3, Rows(fromToday));
    }

    [Fact]
    public async Task MessagePage_ShowsTheMessageAsWritten_WithItsHtmlSandboxed()
    {
        var (admin, _, tag) = await MessagesAsync(1);
        var channelId = (int)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels?search={tag}"))!["items"]![0]!["id"]!;
        var accepted = await admin.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId }, to = new[] { "ann@customer.test" }, cc = new[] { "bob@customer.test" }, bcc = new[] { "audit@acme.test" },
            subject = $"Written {tag}", text = "Plain words.", html = "<p>Rich <b>words</b>.</p><script>alert('x')</script>",
            attachments = new[] { new { fileName = "note.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String(new byte[3000]) } },
        });
        var id = (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var html = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync($"/Messages/Details/{id}"));

        Assert.Contains("<dt>To</dt><dd>ann@customer.test</dd>", html);
        Assert.Contains("<dt>Cc</dt><dd>bob@customer.test</dd>", html);
        Assert.Contains("<dt>Bcc</dt><dd>audit@acme.test</dd>", html);
        Assert.Contains("note.txt (text/plain, 2.9 KB)", html);
        Assert.Contains("Plain words.", html);
        var frame = Regex.Match(html, "<iframe [^>]*sandbox srcdoc=\"([^\"]*)\"").Groups[1].Value;
        Assert.Contains("<b>words</b>", frame);
        Assert.DoesNotContain("script", frame, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pager_GoesThroughEveryMessage_KeepingTheFilter()
    {
        var (_, _, tag) = await MessagesAsync(55);
        var browser = await app.BrowserAsync();

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Messages?search={tag}"));
        var next = Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        var second = await browser.GetStringAsync("/Messages" + next);

        Assert.Contains("55 messages, newest first, page 1 of 2", first);
        Assert.Contains($"search={tag}", next);
        Assert.Equal(50, Rows(first));
        Assert.Equal(5, Rows(second));
        Assert.Contains("rel=\"prev\"", second);
    }

    [Fact]
    public async Task Support_FindsAnyonesMessage_AndTheApiSearchesToo()
    {
        var (admin, _, tag) = await MessagesAsync(2);
        await app.CreateUserAsync($"support-{tag}@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync($"support-{tag}@acme.test", "Support-Pa55word!");

        var page = await support.GetStringAsync($"/Messages?search=Refund+{tag}");
        var api = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/messages?search=Refund%20{tag}&from={DateTime.UtcNow.AddHours(-1):O}"))!;
        var future = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/messages?search={tag}&from={DateTime.UtcNow.AddHours(1):O}"))!;

        Assert.Equal(1, Rows(page));
        Assert.Equal(1, (int)api["total"]!);
        Assert.Equal(0, (int)future["total"]!);
    }

    [Fact]
    public async Task AMessageNotYetSentOrFailed_IsFollowedLive_ByItsOwnerAndNobodyElse()
    {
        var (admin, _, tag) = await MessagesAsync(1);
        var id = (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/messages?search={tag}"))!["items"]![0]!["id"]!;
        await app.CreateUserAsync($"agent-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var stranger = await app.BrowserAsync($"agent-{tag}@acme.test", "Agent-Pa55word!");
        var browser = await app.BrowserAsync();

        var page = await browser.GetStringAsync($"/Messages/Details/{id}");
        var progress = await browser.GetStringAsync($"/Messages/Details/{id}?handler=Progress");
        var theirs = await stranger.GetAsync($"/Messages/Details/{id}?handler=Progress");

        Assert.Contains($"data-live=\"/Messages/Details/{id}?handler=Progress\"", page);
        Assert.Contains("/js/live.js", page);
        Assert.StartsWith("<div id=\"message-progress\"", progress.Trim());
        Assert.DoesNotContain("<html", progress);
        Assert.Contains("(following live)", progress);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [GeneratedRegex("<a href=\"/Messages/Details/[0-9a-f-]{36}\">")]
    private static partial Regex MessageRow();
}
