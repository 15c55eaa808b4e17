using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailRouting.Bounces;
using MailRouting.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Bounces;

/// <summary>
/// The bounces and suppressions API and pages per role, their bad input as a 400 (or the page's message) that changes
/// nothing, and the settings that cannot work refused with the reason.
/// </summary>
public sealed class SuppressionEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SupportEmail = "bounce-support@acme.test";
    private const string AgentEmail = "bounce-agent@acme.test";
    private const string Password = "Bounce-Pa55word!";

    private async Task<int> SuppressedAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        var entry = new Suppression { Address = address, Reason = SuppressionReason.HardBounce, Since = DateTime.UtcNow,
            Detail = "550 5.1.1 User unknown (hard bounce)" };
        db.Suppressions.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private async Task<bool> InForceAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().Suppressions
            .AnyAsync(s => s.Id == id && s.RemovedAt == null);
    }

    private async Task UsersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        foreach (var (email, role) in new[] { (SupportEmail, Roles.Support), (AgentEmail, Roles.Agent) })
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                await app.CreateUserAsync(email, role, Password);
            }
        }
    }

    [Fact]
    public async Task SupportReads_OnlyAdminsRemoveOrCheck_AgentsNeither()
    {
        await UsersAsync();
        var id = await SuppressedAsync($"roles-{Guid.NewGuid():N}@customer.test");
        var support = await app.ApiClientAsync(SupportEmail, Password);
        var agent = await app.ApiClientAsync(AgentEmail, Password);
        string[] reads = ["/api/v1/bounces", "/api/v1/bounces/mailboxes", "/api/v1/suppressions",
            "/api/v1/suppressions?removed=true"];

        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.OK, (await support.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(path)).StatusCode);
        }

        foreach (var client in new[] { support, agent })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/suppressions/{id}/remove",
                new { reason = "not yours to say" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/bounces/check", null)).StatusCode);
        }

        Assert.True(await InForceAsync(id));
        var admin = await app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/bounces/check", null)).StatusCode);

        var supportPage = await (await app.BrowserAsync(SupportEmail, Password)).GetStringAsync("/Suppressions");
        Assert.Contains("In force", supportPage);
        Assert.DoesNotContain("Why may mail go to it again?", supportPage);
        var supportBrowser = await app.BrowserAsync(SupportEmail, Password);
        Assert.Contains("Mailboxes read", await supportBrowser.GetStringAsync("/Bounces"));
        var agentBrowser = await app.BrowserAsync(AgentEmail, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await agentBrowser.GetAsync("/Suppressions")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await agentBrowser.GetAsync("/Bounces")).StatusCode);
    }

    [Fact]
    public async Task RemovingOnThePage_NeedsAReason_ThenKeepsTheEntryAsRemoved()
    {
        var address = $"page-{Guid.NewGuid():N}@customer.test";
        var id = await SuppressedAsync(address);
        var admin = await app.BrowserAsync();

        var refused = await admin.PostFormAsync($"/Suppressions?handler=Remove&id={id}", new() { ["reason"] = "" },
            "/Suppressions");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say in up to 500 characters why mail may go to this address again",
            await refused.Content.ReadAsStringAsync());
        Assert.True(await InForceAsync(id));

        var removed = await admin.PostFormAsync($"/Suppressions?handler=Remove&id={id}",
            new() { ["reason"] = "Typo fixed in the CRM" }, "/Suppressions");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await InForceAsync(id));
        var page = await admin.GetStringAsync($"/Suppressions?address={address}&show=removed");
        Assert.Contains($"Removed by {AppFactory.AdminEmail}", page);
        Assert.Contains("Typo fixed in the CRM", page);
    }

    [Fact]
    public async Task Compose_ToASuppressedAddress_IsRefusedWithWhy_ThenSentWhenTheSenderSaysSo()
    {
        var address = $"compose-{Guid.NewGuid():N}@customer.test";
        await SuppressedAsync(address);
        var browser = await app.BrowserAsync();
        var compose = await browser.GetStringAsync("/Compose");
        var me = Regex.Match(compose, "option value=\"(user:[^\"]+)\"").Groups[1].Value;
        var api = await app.ApiClientAsync();
        async Task<int> TotalAsync() => (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!;
        var before = await TotalAsync();
        var message = new Dictionary<string, string>
        {
            ["Input.From"] = me, ["Input.To"] = address, ["Input.Subject"] = "Your order", ["Input.Body"] = "Hello",
        };

        var refused = await browser.PostFormAsync("/Compose", new(message));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"{address} is suppressed since", page);
        Assert.Contains("Send anyway to the suppressed addresses", page);
        Assert.Equal(before, await TotalAsync());

        message["Input.SendToSuppressed"] = "true";
        var sent = await browser.PostFormAsync("/Compose", message);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(before + 1, await TotalAsync());
    }

    [Fact]
    public async Task SettingsThatCannotWork_AreRefusedWithTheReason()
    {
        var admin = await app.ApiClientAsync();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!.Count;

        var microsoft = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "M365 with bounces", host = "smtp.office365.com", security = "StartTls", authMethod = "Plain",
            username = "desk@contoso.test", password = "x", bounceAddress = "bounces@contoso.test",
        });
        var badAddress = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Bad bounce address", host = "smtp.acme.test", security = "StartTls", authMethod = "Plain",
            username = "desk@acme.test", password = "x", bounceAddress = "not an address",
        });
        var pop3 = await admin.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "POP3 bounces", address = $"pop-{Guid.NewGuid():N}@acme.test", readBounces = true,
            incoming = new
            {
                protocol = "Pop3", host = "pop.acme.test", port = 995, username = "desk@acme.test", password = "x",
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, microsoft.StatusCode);
        Assert.Contains("Microsoft 365 sets the envelope sender itself", await microsoft.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Contains("'not an address' is not a valid email address.", await badAddress.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, pop3.StatusCode);
        Assert.Contains("Reading bounces needs IMAP incoming settings", await pop3.Content.ReadAsStringAsync());
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/bounces?kind=Bogus")).StatusCode);
    }
}
