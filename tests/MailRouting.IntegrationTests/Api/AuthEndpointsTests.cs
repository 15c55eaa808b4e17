using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;
using MailRouting.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MailRouting.IntegrationTests.Api;

public sealed class AuthEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_ReturnsBearerAndRefreshTokens_AndRefreshWorks()
    {
        var client = app.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AppFactory.AdminEmail, password = AppFactory.AdminPassword });
        var tokens = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)tokens["refreshToken"] });

        Assert.Equal("Bearer", (string?)tokens["tokenType"]);
        Assert.False(string.IsNullOrEmpty((string?)tokens["accessToken"]));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/auth/forgotPassword")]
    [InlineData("/api/v1/auth/resetPassword")]
    [InlineData("/api/v1/auth/manage/info")]
    public async Task EverythingButLoginAndRefresh_IsNotThere(string path)
    {
        var response = await app.CreateClient().PostAsJsonAsync(path, new { email = "new@acme.test", password = "New-Pa55word!" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailedSignIns_HoldBackTheirAddress_WithTheSameAnswerAsAnUnknownAccount()
    {
        await app.CreateUserAsync("lockme@acme.test", Roles.Agent, "Right-Pa55word!");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lockme@acme.test", password = "wrong" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lockme@acme.test", password = "Right-Pa55word!" });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@acme.test", password = "Right-Pa55word!" });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var lockedAnswer = (await right.Content.ReadFromJsonAsync<JsonObject>())!;
        var unknownAnswer = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((string?)unknownAnswer["detail"], (string?)lockedAnswer["detail"]);
        Assert.Equal((string?)unknownAnswer["title"], (string?)lockedAnswer["title"]);
    }

    [Fact]
    public async Task SignIn_UnknownAccount_TakesAsLongAsAWrongPassword()
    {
        await app.CreateUserAsync("timing@acme.test", Roles.Agent, "Right-Pa55word!");
        var client = app.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "warm-up@acme.test", password = "x" });

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            known.Add(await TimeSignInAsync(client, "timing@acme.test"));
            unknown.Add(await TimeSignInAsync(client, $"nobody{i}@acme.test"));
        }

        // A password hash costs tens of milliseconds; without one an unknown account answered in about one (a ratio near
        // 0.02). The band is wide because the machine is noisy; it still tells the two apart.
        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio is > 0.25 and < 4, $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");
    }

    private static async Task<double> TimeSignInAsync(HttpClient client, string email)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-Pa55word!" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [Fact]
    public async Task RefreshToken_WorksOnce()
    {
        var client = app.CreateClient();
        var tokens = await SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var first = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)tokens["refreshToken"] });
        var second = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)tokens["refreshToken"] });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        var next = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)next["refreshToken"] })).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddress_HoldBackOnlyThatAddress_NeverTheOwnerElsewhere_UntilAnAdminUnlocks()
    {
        var id = await app.CreateUserAsync("guessed@acme.test", Roles.Agent, "Right-Pa55word!");
        var owner = app.CreateClient();
        owner.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "203.0.113.10");
        var ownersTokens = await SignInAsync(owner, "guessed@acme.test", "Right-Pa55word!");
        var guesser = app.CreateClient();
        guesser.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "198.51.100.66");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = "guessed@acme.test", password = $"guess-{i}" })).StatusCode);
        }

        var guesserWithTheRightPassword = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = "guessed@acme.test", password = "Right-Pa55word!" });
        var ownerAgain = await owner.PostAsJsonAsync("/api/v1/auth/login", new { email = "guessed@acme.test", password = "Right-Pa55word!" });
        var ownersRefresh = await owner.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)ownersTokens["refreshToken"] });
        var shown = (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!;
        await (await app.ApiClientAsync()).PostAsync($"/api/v1/users/{id}/unlock", null);
        var afterUnlock = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = "guessed@acme.test", password = "Right-Pa55word!" });

        Assert.Equal(HttpStatusCode.Unauthorized, guesserWithTheRightPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownersRefresh.StatusCode);
        Assert.True((bool)shown["lockedOut"]!);
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task BehindATrustedProxy_TheClientsForwardedAddress_IsTheOneHeldBack()
    {
        await using var behindProxy = AppFactory.With(new Dictionary<string, string> { [TrustedProxies.Section + ":0"] = "203.0.113.1" });
        await behindProxy.InitializeAsync();
        await behindProxy.CreateUserAsync("proxied@acme.test", Roles.Agent, "Right-Pa55word!");
        HttpClient ClientBehindProxy(string forwardedFor)
        {
            var client = behindProxy.CreateClient();
            client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "203.0.113.1");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            return client;
        }

        var guesser = ClientBehindProxy("198.51.100.66");
        for (var i = 0; i < 5; i++)
        {
            await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = "proxied@acme.test", password = $"guess-{i}" });
        }

        var guesserRight = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = "proxied@acme.test", password = "Right-Pa55word!" });
        var owner = await ClientBehindProxy("192.0.2.20").PostAsJsonAsync("/api/v1/auth/login", new { email = "proxied@acme.test", password = "Right-Pa55word!" });

        Assert.Equal(HttpStatusCode.Unauthorized, guesserRight.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_TheOldCookieAndRefreshTokenNoLongerWork()
    {
        await app.CreateUserAsync("leaving@acme.test", Roles.Agent, "Right-Pa55word!");
        var browser = await app.BrowserAsync("leaving@acme.test", "Right-Pa55word!");
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        copy.DefaultRequestHeaders.Add("Cookie", await CookieHeaderAsync(browser));
        var api = app.CreateClient();
        var tokens = await SignInAsync(api, "leaving@acme.test", "Right-Pa55word!");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Profile")).StatusCode);

        var signedOut = await browser.PostFormAsync("/Account/Logout", [], formPage: "/Profile");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var stolen = await copy.GetAsync("/Profile");
        Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
        Assert.Contains("/Account/Login", stolen.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = (string?)tokens["refreshToken"] })).StatusCode);
    }

    /// <summary>The cookie the browser client sends, so a second client can replay it as a thief would.</summary>
    private static async Task<string> CookieHeaderAsync(HttpClient browser)
    {
        var page = await browser.GetAsync("/Profile");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return string.Join("; ", page.RequestMessage!.Headers.GetValues("Cookie"));
    }

    [Fact]
    public async Task SignIn_WithANewlineInTheEmail_CannotForgeALogLine()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "x@acme.test\n2026-01-01 [INF] admin@acme.test signed in", ["Input.Password"] = "wrong" });

        // The file sink may write the event just after the response is sent.
        await Eventually.TrueAsync(() => Task.FromResult(app.LogText().Contains("x@acme.test\\n2026-01-01", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "The failed sign-in was not logged with its newline escaped");
        var log = app.LogText();
        Assert.DoesNotContain("\n2026-01-01 [INF] admin@acme.test signed in", log, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> SignInAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task HealthAndOpenApi_AreServed_WithoutHiddenAuthRoutes()
    {
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/smtp-servers", document);
        Assert.Contains("/api/v1/auth/login", document);
        Assert.Contains("/api/v1/auth/refresh", document);
        Assert.DoesNotContain("/api/v1/auth/register", document);
    }
}
