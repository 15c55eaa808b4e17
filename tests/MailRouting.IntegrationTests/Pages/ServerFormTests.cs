using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The server form: a new server can become the default at once, and the default server offers no Delete.</summary>
public sealed class ServerFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AddingWithMakeDefault_MakesItTheDefault_WhoseFormOffersNoDelete()
    {
        var browser = await app.BrowserAsync();
        var name = $"Default {Guid.NewGuid():N}"[..20];
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Host"] = "smtp.acme.test", ["Input.Security"] = "StartTls", ["Input.AuthMethod"] = "Plain",
            ["Input.Username"] = "relay@acme.test", ["Input.Password"] = "relay-pw", ["SendAsText"] = "", ["MakeDefault"] = "true",
        };

        var saved = await browser.PostFormAsync("/SmtpServers/Edit", form);
        var servers = (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        var created = servers.Single(s => (string?)s!["name"] == name)!;
        var edit = WebUtility.HtmlDecode(await browser.GetStringAsync($"/SmtpServers/Edit/{created["id"]}"));
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/SmtpServers"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((bool)created["isDefault"]!);
        Assert.DoesNotContain("Delete server", edit);
        Assert.Contains("This is the default server, so it cannot be deleted", edit);
        Assert.Contains($"(now on {name}) then sends through", list);
    }
}
