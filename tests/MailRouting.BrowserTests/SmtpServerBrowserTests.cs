using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class SmtpServerBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    /// <summary>The newcomer's path: sign in, add a server pointing at a real MTA, mistype the password, fix it, test again.</summary>
    [Fact]
    public async Task Admin_AddsAServer_ReadsTheDiagnostic_FixesThePassword_AndTheTestSucceeds()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url);
        await session.CheckPageAsync("01-sign-in");
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "SMTP servers" }).ClickAsync();
        await session.CheckPageAsync("02-server-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a server" }).ClickAsync();
        await session.CheckPageAsync("03-add-server");

        var port = page.GetByLabel("Port", Exact);
        await page.GetByLabel("Security", Exact).SelectOptionAsync("SslOnConnect");
        Assert.Equal("465", await port.InputValueAsync());
        await page.GetByLabel("Security", Exact).SelectOptionAsync("StartTls");
        Assert.Equal("587", await port.InputValueAsync());

        await page.GetByLabel("Name", Exact).FillAsync("Test MTA");
        await page.GetByLabel("Host", Exact).FillAsync(MtaFixture.Host);
        await port.FillAsync(mta.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Authentication", Exact).SelectOptionAsync("Plain");
        await page.GetByLabel("Username", Exact).FillAsync(MtaFixture.Agent.Login);
        await page.GetByLabel("Password", Exact).FillAsync("typo-" + MtaFixture.Agent.Password);
        await page.Locator("summary", new() { HasText = "Advanced settings" }).ClickAsync();
        await page.GetByLabel("Pinned certificate (SHA-256)", Exact).FillAsync(mta.CertificateSha256);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Server 'Test MTA' saved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The server rejected the username or password.");
        await session.CheckPageAsync("04-test-failed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.GetByLabel("Password", Exact).FillAsync(MtaFixture.Agent.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var recipient = MtaFixture.UniqueRecipient();
        await page.GetByLabel("Send a test message to (optional)", Exact).FillAsync(recipient);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The server queued the test message as")).ToBeVisibleAsync();
        await session.CheckPageAsync("05-test-succeeded");
        var (message, _) = await mta.DeliveredToAsync(recipient);
        Assert.Equal(MtaFixture.Agent.Login, message.From.Mailboxes.Single().Address);

        await page.GotoAsync("/SmtpServers");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Test MTA" })).ToContainTextAsync("OK");
        Assert.DoesNotContain(MtaFixture.Agent.Password, await page.ContentAsync());
        Assert.Empty(session.ConsoleErrors);
    }
}
