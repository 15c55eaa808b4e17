using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The OAuth apps pages: admins register, change and delete apps; the client secret is write-only; other roles are refused.</summary>
public sealed class OAuthAppsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string name, string provider = "Google", string secret = "", string issuer = "") => new()
    {
        ["Input.Name"] = name, ["Input.Provider"] = provider, ["Input.ClientId"] = "client.apps.googleusercontent.com",
        ["Input.ClientSecret"] = secret, ["Input.Issuer"] = issuer, ["Input.Tenant"] = "", ["Input.Scopes"] = "",
        ["Input.AuthorizationEndpoint"] = "", ["Input.TokenEndpoint"] = "",
    };

    private async Task<JsonObject?> AppNamedAsync(string name) =>
        (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonArray>("/api/v1/oauth-apps"))!.Select(a => a!.AsObject()).SingleOrDefault(a => (string?)a["name"] == name);

    [Fact]
    public async Task Admin_AddsAnApp_SeesItListedWithTheRedirectUri_AndTheSecretNowhere()
    {
        var browser = await app.BrowserAsync();
        var name = $"Google {Guid.NewGuid():N}";

        var saved = await browser.PostFormAsync("/OAuthApps/Edit", Form(name, secret: "page-secret-31"));
        var list = await browser.GetStringAsync("/OAuthApps");
        var created = (await AppNamedAsync(name))!;
        var edit = await browser.GetStringAsync($"/OAuthApps/Edit/{created["id"]}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(name, list);
        Assert.Contains("/oauth/callback</code>", list);
        Assert.True((bool)created["hasClientSecret"]!);
        Assert.Contains("Stored encrypted (never shown); leave empty to keep it.", edit);
        Assert.DoesNotContain("page-secret-31", list + edit);
    }

    [Fact]
    public async Task Edit_WithAnEmptySecret_KeepsTheStoredOne()
    {
        var browser = await app.BrowserAsync();
        var name = $"Google {Guid.NewGuid():N}";
        await browser.PostFormAsync("/OAuthApps/Edit", Form(name, secret: "kept-secret"));
        var id = (int)(await AppNamedAsync(name))!["id"]!;

        var saved = await browser.PostFormAsync($"/OAuthApps/Edit/{id}", Form(name + " renamed"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((bool)(await AppNamedAsync(name + " renamed"))!["hasClientSecret"]!);
    }

    [Fact]
    public async Task BadInput_IsExplainedOnThePage_AndSavesNothing()
    {
        var browser = await app.BrowserAsync();
        var name = $"Other {Guid.NewGuid():N}";

        var missingSecret = await browser.PostFormAsync("/OAuthApps/Edit", Form(name));
        var plainHttp = await browser.PostFormAsync("/OAuthApps/Edit", Form(name, provider: "Other", issuer: "http://login.example.com"));
        var unknownProvider = await browser.PostFormAsync("/OAuthApps/Edit", Form(name, provider: "Yahoo", secret: "x"));

        Assert.Equal(HttpStatusCode.OK, missingSecret.StatusCode);
        Assert.Contains("Enter the client secret from the provider", await missingSecret.Content.ReadAsStringAsync());
        Assert.Contains("Enter an https:// address", await plainHttp.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, unknownProvider.StatusCode);
        Assert.Contains("is not valid", await unknownProvider.Content.ReadAsStringAsync());
        Assert.Null(await AppNamedAsync(name));
    }

    [Fact]
    public async Task Delete_OfAnAppAServerUses_IsNotOffered_AndRefused()
    {
        var browser = await app.BrowserAsync();
        var name = $"Google {Guid.NewGuid():N}";
        await browser.PostFormAsync("/OAuthApps/Edit", Form(name, secret: "s"));
        var id = (int)(await AppNamedAsync(name))!["id"]!;
        var server = await (await app.ApiClientAsync()).PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Gmail {Guid.NewGuid():N}", host = "smtp.gmail.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = id, username = "team@acme.test",
        });
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);

        var page = await browser.GetStringAsync($"/OAuthApps/Edit/{id}");
        var delete = await browser.PostFormAsync($"/OAuthApps/Edit/{id}?handler=Delete", [], formPage: $"/OAuthApps/Edit/{id}");
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/OAuthApps"));

        Assert.DoesNotContain("Delete OAuth app", page);
        Assert.Contains("1 server signs in through this app", page);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Contains($"The OAuth app '{name}' is used by the servers", after);
        Assert.NotNull(await AppNamedAsync(name));
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Agent)]
    public async Task OtherRoles_CannotOpenOrChangeOAuthApps(string role)
    {
        var email = $"{role.ToLowerInvariant()}-apps-{Guid.NewGuid():N}@acme.test";
        await app.CreateUserAsync(email, role, "Role-Pa55word!");
        var browser = await app.BrowserAsync(email, "Role-Pa55word!");

        var list = await browser.GetAsync("/OAuthApps");
        var home = await browser.GetStringAsync("/");
        var post = await browser.PostAsync("/OAuthApps/Edit", new FormUrlEncodedContent(Form("Sneaky", secret: "x")));

        Assert.StartsWith("/Account/AccessDenied", list.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/OAuthApps\"", home);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(await AppNamedAsync("Sneaky"));
    }
}
