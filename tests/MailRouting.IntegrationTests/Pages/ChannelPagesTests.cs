using System.Net;
using MailRouting.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Pages;

public sealed class ChannelPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string name, string address, string serverId = "") => new()
    {
        ["Input.Name"] = name,
        ["Input.Address"] = address,
        ["Input.DisplayName"] = name + " Team",
        ["Input.IsActive"] = "true",
        ["Input.ServerId"] = serverId,
        ["Input.UsableAsSender"] = "true",
        ["Input.UsableAsReplyTo"] = "true",
        ["Input.Incoming.Protocol"] = "None",
    };

    private async Task<int?> ChannelIdAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().EmailChannels
            .Where(c => c.Address == address).Select(c => (int?)c.Id).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Create_ShowsTheChannelAndHowItsMailGoesOut()
    {
        var browser = await app.BrowserAsync();

        var response = await browser.PostFormAsync("/Channels/Edit", Form("Support", "support@acme.test"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = WebUtility.HtmlDecode(await browser.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Channel 'Support' saved.", details);
        Assert.Contains("Mail goes out via Internal", details);
        Assert.Contains("From: Support Team <noreply@localhost>, Reply-To: support@acme.test", details);
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/Channels?search=support@acme"));
        Assert.Contains("Default (Internal)", list);
    }

    [Fact]
    public async Task Create_Invalid_ShowsErrorsAndSavesNothing()
    {
        var browser = await app.BrowserAsync();
        var form = Form("", "not-an-address");
        form["Input.Incoming.Protocol"] = "Imap";

        var response = await browser.PostFormAsync("/Channels/Edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter a name.", html);
        Assert.Contains("Enter the channel&#x27;s email address", html);
        Assert.Contains("Enter the incoming server&#x27;s host name.", html);
        Assert.Null(await ChannelIdAsync("not-an-address"));
    }

    [Fact]
    public async Task List_SortsAndPages()
    {
        var browser = await app.BrowserAsync();
        foreach (var letter in new[] { "b", "a", "c" })
        {
            await browser.PostFormAsync("/Channels/Edit", Form($"Sorted {letter}", $"sorted-{letter}@acme.test"));
        }

        var ascending = await browser.GetStringAsync("/Channels?search=sorted-&sort=Address");
        var descending = await browser.GetStringAsync("/Channels?search=sorted-&sort=Address&desc=true");

        Assert.True(ascending.IndexOf("sorted-a@", StringComparison.Ordinal) < ascending.IndexOf("sorted-c@", StringComparison.Ordinal));
        Assert.True(descending.IndexOf("sorted-c@", StringComparison.Ordinal) < descending.IndexOf("sorted-a@", StringComparison.Ordinal));
        Assert.Contains("aria-sort=\"descending\"", descending);
    }

    [Fact]
    public async Task Support_ReadsChannels_ButCannotEditOrTest()
    {
        await app.CreateUserAsync("support-channels@acme.test", Roles.Support, "Support-Pa55word!");
        var admin = await app.BrowserAsync();
        await admin.PostFormAsync("/Channels/Edit", Form("Read only", "readonly@acme.test"));
        var id = await ChannelIdAsync("readonly@acme.test");
        var support = await app.BrowserAsync("support-channels@acme.test", "Support-Pa55word!");

        var details = await support.GetStringAsync($"/Channels/Details/{id}");
        var edit = await support.GetAsync($"/Channels/Edit/{id}");
        var delete = await support.PostFormAsync($"/Channels/Edit/{id}?handler=Delete", [], formPage: $"/Channels/Details/{id}");

        Assert.Contains("How mail goes out", details);
        Assert.DoesNotContain("Test sending as this channel", details);
        Assert.StartsWith("/Account/AccessDenied", edit.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", delete.Headers.Location!.PathAndQuery);
        Assert.NotNull(await ChannelIdAsync("readonly@acme.test"));
    }
}
