using System.Net.Http.Json;

namespace MailRouting.IntegrationTests.Security;

/// <summary>What a request carries (path, query, form fields, JSON) reaches the log only escaped: it cannot start a line of its own.</summary>
public sealed class LogForgingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Forged = "\r\n2026-12-03 06:00:00.000 +00:00 [ERR] forged line";

    [Fact]
    public async Task NewlinesInThePathQueryFormAndJson_NeverStartALineInTheLog()
    {
        var anonymous = app.CreateClient();
        var admin = await app.ApiClientAsync();
        await anonymous.GetAsync("/api/v1/nothing" + Uri.EscapeDataString(Forged));
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@acme.test" + Forged, password = "wrong" + Forged });
        await admin.PostAsJsonAsync("/api/v1/smtp-servers", new { name = "x" + Forged, host = "smtp" + Forged });
        await admin.GetAsync("/api/v1/messages?search=" + Uri.EscapeDataString(Forged));
        await (await app.BrowserAsync()).GetAsync("/Messages?search=" + Uri.EscapeDataString(Forged));

        var lines = app.LogText().Split('\n');

        // The values were logged, each inside the line of the event that carried it; no line is an error, forged or real.
        Assert.Contains(lines, l => l.Contains("\\r\\n2026-12-03 06:00:00.000 +00:00 [ERR] forged line", StringComparison.Ordinal));
        Assert.Empty(app.ErrorLines());
    }
}
