using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

public sealed class ComposePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Compose_InvalidRecipients_ShowsWhyAndQueuesNothing()
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/Compose");
        var me = System.Text.RegularExpressions.Regex.Match(page, "option value=\"(user:[^\"]+)\"").Groups[1].Value;

        var response = await browser.PostFormAsync("/Compose", new() { ["Input.From"] = me, ["Input.To"] = "not-an-address", ["Input.Subject"] = "Hi", ["Input.Text"] = "" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var api = await app.ApiClientAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not valid email addresses: not-an-address.", html);
        Assert.Contains("Give a plain-text or HTML body.", html);
        Assert.Equal(0, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
    }

    [Fact]
    public async Task Compose_IsForAgentsAndAdmins_NotSupport()
    {
        await app.CreateUserAsync("support-compose@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("support-compose@acme.test", "Support-Pa55word!");

        var response = await support.GetAsync("/Compose");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }
}
