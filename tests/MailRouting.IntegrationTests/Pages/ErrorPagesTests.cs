using System.Net;
using System.Net.Http.Json;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>Page routes answer errors with a page in the layout and a way back; the API keeps problem details.</summary>
public sealed class ErrorPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/SmtpServers/Details/999999")]
    [InlineData("/Messages/Details/00000000-0000-0000-0000-000000000001")]
    public async Task NotFound_OnAPageRoute_IsAPageWithAWayBack(string path)
    {
        var browser = await app.BrowserAsync();

        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains("href=\"/SmtpServers\"", html);
        Assert.Contains("Back to the start page", html);
    }

    [Fact]
    public async Task NotFound_OnTheApi_StaysProblemDetails()
    {
        var api = await app.ApiClientAsync();

        var response = await api.GetAsync("/api/v1/smtp-servers/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>());
    }

    [Fact]
    public async Task AFormPostedWithoutItsToken_IsExplainedOnAPage()
    {
        var browser = await app.BrowserAsync();

        var response = await browser.PostAsync("/Profile?handler=Test", new FormUrlEncodedContent(new Dictionary<string, string> { ["Recipient"] = "x@customer.test" }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>The request could not be read</h1>", html);
    }

    [Theory]
    [InlineData("/SmtpServers/Details/1")]
    [InlineData("/SmtpServers/Details/1?handler=NoSuchHandler")]
    [InlineData("/Users")]
    public async Task APostNamingNoHandlerOfThePage_IsABadRequestPage_NotAnError(string path)
    {
        var browser = await app.BrowserAsync();

        var response = await browser.PostFormAsync(path, new Dictionary<string, string> { ["Recipient"] = "x@customer.test" }, "/SmtpServers/Details/1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>The request could not be read</h1>", html);
    }
}
