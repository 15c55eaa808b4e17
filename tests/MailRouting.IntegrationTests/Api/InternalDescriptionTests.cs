using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Servers and channels carry an internal description for admins and Support, shown in the lists; never in mail.</summary>
public sealed class InternalDescriptionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ADescription_IsKeptAndShownInTheLists_AndOneTooLongIsA400()
    {
        var api = await app.ApiClientAsync();
        var browser = await app.BrowserAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];

        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Described {tag}", host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "relay@acme.test", password = "pw",
            description = "Acme's own relay; call IT on 4711 when it fails.",
        });
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Described {tag}", address = $"described-{tag}@acme.test", description = "Only for key accounts." });
        var tooLong = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Long {tag}", address = $"long-{tag}@acme.test", description = new string('x', 501) });
        var servers = WebUtility.HtmlDecode(await browser.GetStringAsync("/SmtpServers"));
        var channels = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Channels?search={tag}"));

        Assert.Equal(HttpStatusCode.Created, server.StatusCode);
        Assert.Equal("Acme's own relay; call IT on 4711 when it fails.", (string?)(await server.Content.ReadFromJsonAsync<JsonObject>())!["description"]);
        Assert.Equal("Only for key accounts.", (string?)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["description"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("An internal description has at most 500 characters.", await tooLong.Content.ReadAsStringAsync());
        Assert.Contains("<span class=\"detail\">Acme's own relay; call IT on 4711 when it fails.</span>", servers);
        Assert.Contains("<span class=\"detail\">Only for key accounts.</span>", channels);
    }
}
