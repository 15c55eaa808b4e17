using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

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
    public async Task RepeatedFailedSignIns_LockTheAccount()
    {
        await app.CreateUserAsync("lockme@acme.test", Roles.Agent, "Right-Pa55word!");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lockme@acme.test", password = "wrong" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lockme@acme.test", password = "Right-Pa55word!" });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("LockedOut", (string?)(await right.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
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
