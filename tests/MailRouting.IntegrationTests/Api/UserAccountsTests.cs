using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Admins look after accounts: name, email and role, a new password, unlocking, deactivating; on the API and the page.</summary>
public sealed class UserAccountsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "Person-Pa55word!";

    private async Task<(string Id, string Email)> PersonAsync(string role = Roles.Agent)
    {
        var email = $"p{Guid.NewGuid():N}"[..12] + "@acme.test";
        await app.CreateUserAsync(email, role, Password);
        var id = (string)(await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/users?search={email}"))!["items"]![0]!["id"]!;
        return (id, email);
    }

    private async Task<HttpStatusCode> SignInAsync(string email, string password) =>
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode;

    [Fact]
    public async Task ChangingNameEmailAndRole_AppliesAtOnce_AndEndsTheOldToken()
    {
        var (id, email) = await PersonAsync();
        var theirs = await app.ApiClientAsync(email, Password);
        var admin = await app.ApiClientAsync();
        var newEmail = "renamed-" + email;

        var changed = await admin.PutAsJsonAsync($"/api/v1/users/{id}/account", new { displayName = "Renamed Person", email = newEmail, role = Roles.Support });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var shown = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Renamed Person", newEmail, Roles.Support), ((string?)shown["displayName"], (string?)shown["email"], (string?)shown["role"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(newEmail, Password));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(email, Password));
    }

    [Fact]
    public async Task BadAccountInput_Is400_AndChangesNothing()
    {
        var (id, email) = await PersonAsync();
        var (_, taken) = await PersonAsync();
        var admin = await app.ApiClientAsync();

        var bad = await admin.PutAsJsonAsync($"/api/v1/users/{id}/account", new { displayName = "", email = taken, role = "Owner" });
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(problem["DisplayName"]);
        Assert.Contains("already has the email", problem["Email"]![0]!.ToString());
        Assert.NotNull(problem["Role"]);
        Assert.Equal(email, (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!["email"]);
    }

    [Fact]
    public async Task NewPassword_ReplacesTheOld_AndAWeakOneKeepsIt()
    {
        var (id, email) = await PersonAsync();
        var admin = await app.ApiClientAsync();

        var weak = await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "short" });
        var stillOld = await SignInAsync(email, Password);
        var set = await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Brand-New-Pa55!" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillOld);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(email, Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(email, "Brand-New-Pa55!"));
        Assert.DoesNotContain("Brand-New-Pa55!", app.LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_LetsALockedUserSignInAgain()
    {
        var (id, email) = await PersonAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(email, "wrong-password");
        }

        var admin = await app.ApiClientAsync();
        var locked = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!;
        var refusedWhileLocked = await SignInAsync(email, Password);
        var unlocked = await admin.PostAsync($"/api/v1/users/{id}/unlock", null);

        Assert.True((bool)locked["lockedOut"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedWhileLocked);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(email, Password));
    }

    [Fact]
    public async Task Deactivating_EndsTokensAndSessions_AndReactivatingRestoresSignIn()
    {
        var (id, email) = await PersonAsync();
        var token = await app.ApiClientAsync(email, Password);
        var browser = await app.BrowserAsync(email, Password);
        var admin = await app.ApiClientAsync();

        var deactivated = await admin.PostAsync($"/api/v1/users/{id}/deactivate", null);
        var apiAfter = await token.GetAsync("/api/v1/me");
        var pageAfter = await browser.GetAsync("/Messages");
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        var reactivated = await admin.PostAsync($"/api/v1/users/{id}/reactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.True((bool)(await deactivated.Content.ReadFromJsonAsync<JsonObject>())!["deactivated"]!);
        Assert.Equal(HttpStatusCode.Forbidden, apiAfter.StatusCode);
        Assert.StartsWith("/Account/Login", pageAfter.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(SignInMessagesText, (string?)(await signIn.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(email, Password));
    }

    private const string SignInMessagesText = MailRouting.Web.Account.SignInMessages.Failed;

    [Fact]
    public async Task AnAdmin_CannotDeactivateOrDemoteThemselves()
    {
        var admin = await app.ApiClientAsync();
        var me = (string)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["id"]!;

        var deactivate = await admin.PostAsync($"/api/v1/users/{me}/deactivate", null);
        var demote = await admin.PutAsJsonAsync($"/api/v1/users/{me}/account", new { displayName = "Admin", email = AppFactory.AdminEmail, role = Roles.Agent });

        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("yourself", (string?)(await demote.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Support)]
    public async Task OnlyAdmins_LookAfterAccounts(string role)
    {
        var (target, _) = await PersonAsync();
        var (_, caller) = await PersonAsync(role);
        var api = await app.ApiClientAsync(caller, Password);
        var browser = await app.BrowserAsync(caller, Password);

        var responses = new[]
        {
            await api.PutAsJsonAsync($"/api/v1/users/{target}/account", new { displayName = "x", email = "x@acme.test", role = Roles.Admin }),
            await api.PostAsJsonAsync($"/api/v1/users/{target}/password", new { password = "Taken-Over-Pa55!" }),
            await api.PostAsync($"/api/v1/users/{target}/unlock", null),
            await api.PostAsync($"/api/v1/users/{target}/deactivate", null),
        };
        var page = await browser.GetAsync($"/Users/Account/{target}");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.StartsWith("/Account/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_DeactivatesAndShowsIt()
    {
        var (id, email) = await PersonAsync();
        var browser = await app.BrowserAsync();

        var posted = await browser.PostFormAsync($"/Users/Account/{id}?handler=Deactivate", [], formPage: $"/Users/Account/{id}");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Users/Account/{id}"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains($"{email} is deactivated", page);
        Assert.Contains("Deactivated: cannot sign in", page);
        Assert.Contains(">Reactivate<", page);
    }
}
