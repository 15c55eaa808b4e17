using System.Globalization;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>The server form filled as an admin does for the test MTA's submission port, signing in as the given login.</summary>
public static class ServerFormFilling
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    public static async Task FillServerAsync(this IPage page, string name, MtaFixture mta, (string Login, string Password) login)
    {
        await page.GetByLabel("Name", Exact).FillAsync(name);
        await page.GetByLabel("Host", Exact).FillAsync(MtaFixture.Host);
        await page.GetByLabel("Port", Exact).FillAsync(mta.SubmissionPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Username", Exact).FillAsync(login.Login);
        await page.GetByLabel("Password", Exact).FillAsync(login.Password);
    }
}
