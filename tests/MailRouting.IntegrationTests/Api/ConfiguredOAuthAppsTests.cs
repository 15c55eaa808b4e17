using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Api;

/// <summary>OAuth apps from configuration (OAuth:Apps:{name}:*): created at start, usable by servers, read-only on the API and the pages.</summary>
public sealed class ConfiguredOAuthAppsTests : IAsyncLifetime
{
    private const string Secret = "configured-secret-9";

    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string>
    {
        ["OAuth:Apps:Office:Provider"] = "Microsoft365",
        ["OAuth:Apps:Office:Tenant"] = "contoso.onmicrosoft.com",
        ["OAuth:Apps:Office:ClientId"] = "00000000-0000-0000-0000-00000000000a",
        ["OAuth:Apps:Office:ClientSecret"] = Secret,
    });

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private static async Task<JsonObject> OfficeAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonArray>("/api/v1/oauth-apps"))!.Single(a => (string?)a!["name"] == "Office")!.AsObject();

    [Fact]
    public async Task ConfiguredApp_IsThereWithItsSecret_AndAServerCanUseIt()
    {
        var admin = await app.ApiClientAsync();

        var office = await OfficeAsync(admin);
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Office 365", host = "smtp.office365.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = (int)office["id"]!, username = "team@contoso.com",
        });

        Assert.True((bool)office["fromConfiguration"]!);
        Assert.True((bool)office["hasClientSecret"]!);
        Assert.Equal("contoso.onmicrosoft.com", (string?)office["tenant"]);
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);
        Assert.DoesNotContain(Secret, office.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredApp_CannotBeChangedOrDeletedHere_NorShadowedByName()
    {
        var admin = await app.ApiClientAsync();
        var id = (int)(await OfficeAsync(admin))["id"]!;

        var changed = await admin.PutAsJsonAsync($"/api/v1/oauth-apps/{id}", new { name = "Office", provider = "Microsoft365", clientId = "other" });
        var deleted = await admin.DeleteAsync($"/api/v1/oauth-apps/{id}");
        var shadow = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new { name = "Office", provider = "Google", clientId = "x", clientSecret = "y" });
        var page = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync($"/OAuthApps/Edit/{id}"));

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("comes from configuration (OAuth:Apps:Office)", (string?)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, shadow.StatusCode);
        Assert.Equal("00000000-0000-0000-0000-00000000000a", (string?)(await OfficeAsync(admin))["clientId"]);
        Assert.Contains("comes from configuration (OAuth:Apps:Office)", page);
        Assert.DoesNotContain(">Save<", page);
    }
}
