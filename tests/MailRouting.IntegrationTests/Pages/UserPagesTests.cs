using System.Net;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

public sealed class UserPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string email, string password = "Agent-Pa55word!") => new()
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = "Zed " + email,
        ["Input.Role"] = Roles.Agent,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Create_ThenChooseMailSettings_AndTheListShowsTheServer()
    {
        var browser = await app.BrowserAsync();

        var created = await browser.PostFormAsync("/Users/Create", Form("zed@acme.test"));
        var edit = WebUtility.HtmlDecode(await browser.GetStringAsync(created.Headers.Location!.OriginalString));
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/Users?search=zed@&sort=Name&desc=true"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("User zed@acme.test created.", edit);
        Assert.Contains("Mail goes out via Internal", edit);
        Assert.Contains("Default (Internal)", list);
        Assert.Contains("aria-sort=\"descending\"", list);
    }

    [Fact]
    public async Task Create_Invalid_ShowsWhyAndCreatesNobody()
    {
        var browser = await app.BrowserAsync();

        var badEmail = await browser.PostFormAsync("/Users/Create", Form("not-an-email"));
        var weakPassword = await browser.PostFormAsync("/Users/Create", Form("weak@acme.test", password: "short"));

        Assert.Contains("Enter the user&#x27;s email address.", await badEmail.Content.ReadAsStringAsync());
        var weak = WebUtility.HtmlDecode(await weakPassword.Content.ReadAsStringAsync());
        Assert.Contains("Please correct this", weak);
        Assert.Contains("Use at least 6 characters. Add a symbol, such as ! or #. Add a digit (0-9). Add an upper-case letter (A-Z).", weak);
        Assert.Contains("At least 6 characters, with an upper-case letter, a lower-case letter, a digit and a symbol such as ! or #.", weak);
        Assert.DoesNotContain("Passwords must", weak);
        Assert.DoesNotContain("weak@acme.test", await browser.GetStringAsync("/Users?search=weak@"));
    }

    [Fact]
    public async Task Support_SeesUsers_ButCannotCreateOrEdit()
    {
        await app.CreateUserAsync("support-users@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("support-users@acme.test", "Support-Pa55word!");

        var list = await support.GetStringAsync("/Users");
        var create = await support.GetAsync("/Users/Create");

        Assert.Contains("support-users@acme.test", list);
        Assert.DoesNotContain("Add a user", list);
        Assert.StartsWith("/Account/AccessDenied", create.Headers.Location!.PathAndQuery);
    }
}
