using System.Net;
using System.Text.RegularExpressions;
using MailRouting.Data;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Pages;

public sealed partial class SmtpServerPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string name, string host = "smtp.acme.test", string port = "", string password = "Form-Secret-1") => new()
    {
        ["Input.Name"] = name,
        ["Input.Host"] = host,
        ["Input.Port"] = port,
        ["Input.Security"] = "StartTls",
        ["Input.AuthMethod"] = "Plain",
        ["Input.Username"] = "support@acme.test",
        ["Input.Password"] = password,
        ["Input.SenderName"] = "Acme Support",
        ["SendAsText"] = "help@acme.test\n*@brand.test",
    };

    private async Task<SmtpServer?> FindAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().SmtpServers.CountAsync();
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/SmtpServers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoOnThePage()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = AppFactory.AdminEmail, ["Input.Password"] = "nope" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not correct,", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_ValidForm_SavesAndShowsTheServer()
    {
        var browser = await app.BrowserAsync();

        var response = await browser.PostFormAsync("/SmtpServers/Edit", Form("Page created"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await FindAsync("Page created");
        Assert.NotNull(saved);
        Assert.Equal(587, saved.Port);
        Assert.Equal(["help@acme.test", "*@brand.test"], saved.SendAs);
        Assert.Equal($"/SmtpServers/Details/{saved.Id}", response.Headers.Location!.OriginalString);
        var details = await browser.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Server &#x27;Page created&#x27; saved.", details);
        Assert.Contains("Stored (never shown)", details);
    }

    [Fact]
    public async Task Create_InvalidForm_ShowsErrorsBesideFieldsAndSavesNothing()
    {
        var browser = await app.BrowserAsync();
        var before = await CountAsync();
        var form = Form("", host: "bad host", port: "99999", password: "");
        form["SendAsText"] = "not-an-address";

        var response = await browser.PostFormAsync("/SmtpServers/Edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(ErrorFor("Input.Name", "Enter a name."), html);
        Assert.Matches(ErrorFor("Input.Host", "Enter a valid host name"), html);
        Assert.Matches(ErrorFor("Input.Port", "between 1 and 65535"), html);
        Assert.Matches(ErrorFor("Input.Password", "Enter the password"), html);
        Assert.Matches(ErrorFor("SendAsText", "neither an email address nor a pattern"), html);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Edit_SecondSaveFromAStaleForm_IsRefusedWithAClearMessage()
    {
        var browser = await app.BrowserAsync();
        await browser.PostFormAsync("/SmtpServers/Edit", Form("Two admins"));
        var server = (await FindAsync("Two admins"))!;
        var editPage = await browser.GetStringAsync($"/SmtpServers/Edit/{server.Id}");
        var version = VersionField().Match(editPage).Groups[1].Value;

        var first = Form("Two admins", host: "first.acme.test", password: "");
        first["Input.Version"] = version;
        var second = Form("Two admins", host: "second.acme.test", password: "");
        second["Input.Version"] = version;
        var firstResponse = await browser.PostFormAsync($"/SmtpServers/Edit/{server.Id}", first);
        var secondResponse = await browser.PostFormAsync($"/SmtpServers/Edit/{server.Id}", second);

        Assert.Equal(HttpStatusCode.Redirect, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Contains("Someone else changed this server after you opened it", await secondResponse.Content.ReadAsStringAsync());
        Assert.Equal("first.acme.test", (await FindAsync("Two admins"))!.Host);
    }

    [Fact]
    public async Task Delete_TheDefault_IsRefusedWithTheReason()
    {
        var browser = await app.BrowserAsync();
        await browser.PostFormAsync("/SmtpServers/Edit", Form("Default for a while"));
        var server = (await FindAsync("Default for a while"))!;
        await browser.PostFormAsync($"/SmtpServers/Edit/{server.Id}?handler=MakeDefault", [], formPage: "/SmtpServers");

        var refused = await browser.PostFormAsync($"/SmtpServers/Edit/{server.Id}?handler=Delete", [], formPage: $"/SmtpServers/Edit/{server.Id}");
        var list = await browser.GetStringAsync("/SmtpServers");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("is the default server. Make another server the default first", WebUtility.HtmlDecode(list));
        Assert.True((await FindAsync("Default for a while"))!.IsDefault);

        await using var scope = app.Services.CreateAsyncScope();
        var internalId = await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().SmtpServers.Where(s => s.Kind == ServerKind.Internal).Select(s => s.Id).SingleAsync();
        await browser.PostFormAsync($"/SmtpServers/Edit/{internalId}?handler=MakeDefault", [], formPage: "/SmtpServers");
        var deleted = await browser.PostFormAsync($"/SmtpServers/Edit/{server.Id}?handler=Delete", [], formPage: $"/SmtpServers/Edit/{server.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await FindAsync("Default for a while"));
    }

    [Fact]
    public async Task Support_SeesTheListButCannotChangeAnything()
    {
        await app.CreateUserAsync("support-pages@acme.test", Roles.Support, "Support-Pa55word!");
        var admin = await app.BrowserAsync();
        await admin.PostFormAsync("/SmtpServers/Edit", Form("Support cannot touch"));
        var server = (await FindAsync("Support cannot touch"))!;
        var support = await app.BrowserAsync("support-pages@acme.test", "Support-Pa55word!");

        var list = await support.GetStringAsync("/SmtpServers");
        var edit = await support.GetAsync($"/SmtpServers/Edit/{server.Id}");
        var makeDefault = await support.PostFormAsync($"/SmtpServers/Edit/{server.Id}?handler=MakeDefault", [], formPage: "/SmtpServers");
        var test = await support.PostFormAsync($"/SmtpServers/Details/{server.Id}?handler=Test", [], formPage: $"/SmtpServers/Details/{server.Id}");

        Assert.Contains("Support cannot touch", list);
        Assert.DoesNotContain("Add a server", list);
        Assert.StartsWith("/Account/AccessDenied", edit.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", makeDefault.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", test.Headers.Location!.PathAndQuery);
        var after = (await FindAsync("Support cannot touch"))!;
        Assert.False(after.IsDefault);
        Assert.Null(after.LastTestAt);
    }

    [Fact]
    public async Task Agent_CannotOpenServerPages()
    {
        await app.CreateUserAsync("agent-pages@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.BrowserAsync("agent-pages@acme.test", "Agent-Pa55word!");

        var response = await agent.GetAsync("/SmtpServers");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Internal_IsReadOnly()
    {
        var browser = await app.BrowserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var internalId = await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().SmtpServers.Where(s => s.Kind == ServerKind.Internal).Select(s => s.Id).SingleAsync();

        var edit = await browser.GetAsync($"/SmtpServers/Edit/{internalId}");
        var post = await browser.PostFormAsync($"/SmtpServers/Edit/{internalId}", Form("Internal"), formPage: "/SmtpServers");

        Assert.Equal($"/SmtpServers/Details/{internalId}", edit.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var details = await browser.GetStringAsync($"/SmtpServers/Details/{internalId}");
        Assert.Contains("cannot be changed here", details);
        Assert.Equal("localhost", (await FindAsync("Internal"))!.Host);
    }

    private static Regex ErrorFor(string field, string text) =>
        new($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>[^<]*{Regex.Escape(text)}");

    [GeneratedRegex("name=\"Input.Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
