using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>The server form as an admin uses it: testing before saving, live and cancellable, and with the keyboard alone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ServerFormBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task FieldsThatDoNotApply_AreHidden_UntilTheyDo()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        await page.GotoAsync("/SmtpServers/Edit");
        var authentication = page.GetByLabel("Authentication", Exact);
        var oauthApp = page.GetByLabel("OAuth app", Exact);
        await authentication.SelectOptionAsync("Plain");
        await Assertions.Expect(oauthApp).ToBeHiddenAsync();
        await authentication.SelectOptionAsync("OAuth2");
        await Assertions.Expect(oauthApp).ToBeVisibleAsync();

        await page.GotoAsync("/Channels/Edit");
        var protocol = page.GetByLabel("Protocol", Exact);
        var host = page.GetByLabel("Incoming host", Exact);
        var copy = page.GetByLabel("Copy sent mail to IMAP folder", Exact);
        await protocol.SelectOptionAsync("None");
        await Assertions.Expect(host).ToBeHiddenAsync();
        await Assertions.Expect(copy).ToBeHiddenAsync();
        await protocol.SelectOptionAsync("Pop3");
        await Assertions.Expect(host).ToBeVisibleAsync();
        await Assertions.Expect(copy).ToBeHiddenAsync();
        await protocol.SelectOptionAsync("Imap");
        await Assertions.Expect(copy).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task TestBeforeSaving_ShowsStagesLive_CanBeCancelled_FailsThenPasses_AndSavesWithTheTypedPassword()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync("/SmtpServers/Edit");
        await page.GetByLabel("Name", Exact).FillAsync("Live relay");
        await page.GetByLabel("Host", Exact).FillAsync(MtaFixture.Host);
        await page.GetByLabel("Port", Exact).FillAsync(((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture));
        await page.Locator("summary", new() { HasText = "Advanced settings" }).ClickAsync();
        await page.GetByLabel("Timeout (seconds)", Exact).FillAsync("60");
        await page.GetByLabel("Authentication", Exact).SelectOptionAsync("Plain");
        await page.GetByLabel("Username", Exact).FillAsync(MtaFixture.Relay.Login);
        await page.GetByLabel("Password", Exact).FillAsync("wrong-password");
        var test = page.GetByRole(AriaRole.Button, new() { Name = "Test these settings" });

        await test.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "connect: OK" })).ToBeVisibleAsync();
        await Assertions.Expect(test).ToBeDisabledAsync();
        await session.CheckPageAsync("20-live-test-running");
        await page.Locator("fieldset").Filter(new() { HasText = "Test before saving" })
            .ScreenshotAsync(new() { Path = Path.Combine(browser.Screenshots, "20-live-test-running-detail.png") });
        using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Test cancelled" })).ToBeVisibleAsync();
        await Assertions.Expect(test).ToBeEnabledAsync();
        var closed = await connection.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, closed);

        await page.GetByLabel("Port", Exact).FillAsync(mta.SubmissionPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Timeout (seconds)", Exact).FillAsync("10");
        await page.GetByLabel("Pinned certificate (SHA-256)", Exact).FillAsync(mta.CertificateSha256);
        await test.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Failed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "rejected the username or password" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Failed" })).ToBeFocusedAsync();

        await page.GetByLabel("Password", Exact).FillAsync(MtaFixture.Relay.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test these settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        await session.CheckPageAsync("21-test-before-save-passed");
        Assert.Equal(MtaFixture.Relay.Password, await page.GetByLabel("Password", Exact).InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Server 'Live relay' saved." })).ToBeVisibleAsync();
        // The test run before saving is the saved server's last test.
        await Assertions.Expect(page.GetByText("Never tested")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task AddingAServer_WithAnUntrustedCertificate_ShowsItsDetails_AndTrustsItBeforeSaving()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync("/SmtpServers/Edit");
        await page.FillServerAsync("Own relay", mta, MtaFixture.Relay);

        await page.GetByRole(AriaRole.Button, new() { Name = "Test these settings" }).ClickAsync();
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Trust this certificate?" });
        await Assertions.Expect(offer).ToContainTextAsync(mta.CertificateSha256);
        await Assertions.Expect(offer).ToContainTextAsync("Issued by");
        await Assertions.Expect(offer).ToContainTextAsync("Valid until");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("RemoteCertificate");
        await session.CheckPageAsync("22-trust-certificate-offered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trust this certificate and test again" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        Assert.Equal(MtaFixture.Relay.Password, await page.GetByLabel("Password", Exact).InputValueAsync());
        Assert.Equal(mta.CertificateSha256, await page.GetByLabel("Pinned certificate (SHA-256)", Exact).InputValueAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "RemoteCertificateValidationCallback" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Server 'Own relay' saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(mta.CertificateSha256)).Not.ToHaveCountAsync(0);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task AnAdmin_CreatesAServer_WithTheKeyboardAlone()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync("/");

        await TabToAsync(page, "SMTP servers");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMTP servers", Exact = true })).ToBeVisibleAsync();
        await TabToAsync(page, "Add a server");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add SMTP server", Exact = true })).ToBeVisibleAsync();
        await TabToAsync(page, "Name");
        await page.Keyboard.TypeAsync("Keyboard relay");
        await TabToAsync(page, "Host");
        await page.Keyboard.TypeAsync(MtaFixture.Host);
        await TabToAsync(page, "Port");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(mta.SubmissionPort.ToString(CultureInfo.InvariantCulture));
        await TabToAsync(page, "Username");
        await page.Keyboard.TypeAsync(MtaFixture.Relay.Login);
        await TabToAsync(page, "Password");
        await page.Keyboard.TypeAsync(MtaFixture.Relay.Password);
        await TabToAsync(page, "Save");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Server 'Keyboard relay' saved." })).ToBeVisibleAsync();
        await TabToAsync(page, "Test");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trust this certificate?" })).ToBeVisibleAsync();
        await TabToAsync(page, "Trust this certificate");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is now trusted for this server" })).ToBeVisibleAsync();
        await TabToAsync(page, "Test");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    /// <summary>Presses Tab until the focused control is the one named (its label, or its own text), as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("""
                () => { const e = document.activeElement; return (e?.labels?.[0]?.textContent || e?.getAttribute('aria-label') || e?.textContent || '').trim(); }
                """);
            if (focused == name)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached '{name}' on {page.Url}");
    }
}
