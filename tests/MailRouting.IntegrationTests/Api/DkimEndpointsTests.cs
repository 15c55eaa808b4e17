using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>DKIM keys per role, bad input as 400s that change nothing, and the page.</summary>
public sealed class DkimEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AdminsMakeAndChange_SupportReads_AgentsNeither()
    {
        var admin = await app.ApiClientAsync();
        await app.CreateUserAsync("dkim-support@acme.test", Roles.Support, "Support-Pa55word!");
        await app.CreateUserAsync("dkim-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var support = await app.ApiClientAsync("dkim-support@acme.test", "Support-Pa55word!");
        var agent = await app.ApiClientAsync("dkim-agent@acme.test", "Agent-Pa55word!");
        var created = await admin.PostAsJsonAsync("/api/v1/dkim-keys", new { domain = "roles.test",
            algorithm = "Ed25519" });
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)key["id"]!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Matches("^mr\\d{8}e$", (string?)key["selector"]);
        Assert.StartsWith("v=DKIM1; k=ed25519; p=", (string?)key["recordValue"]);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/dkim-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/dkim-keys")).StatusCode);
        foreach (var client in new[] { support, agent })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/dkim-keys",
                new { domain = "x.test" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/dkim-keys/{id}/activate",
                null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/dkim-keys/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/dkim-keys/{id}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/dkim-keys/{id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/dkim-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/dkim-keys/{id}/activate",
            null)).StatusCode);
    }

    [Theory]
    [InlineData("not a domain", null, "domain")]
    [InlineData("acme", null, "domain")]
    [InlineData("bad.test", "-bad-", "selector")]
    [InlineData("bad.test", "has.dot", "selector")]
    public async Task BadInput_IsA400_AndChangesNothing(string domain, string? selector, string field)
    {
        var admin = await app.ApiClientAsync();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/dkim-keys"))!.Count;

        var response = await admin.PostAsJsonAsync("/api/v1/dkim-keys", new { domain, selector });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/v1/dkim-keys"))!.Count);
    }

    [Fact]
    public async Task Page_AdminMakesAKey_AndSeesItsRecordNotYetPublished_SupportReadsWithoutForms()
    {
        var admin = await app.BrowserAsync();
        await app.CreateUserAsync("dkim-page-support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("dkim-page-support@acme.test", "Support-Pa55word!");

        var made = await admin.PostFormAsync("/Dkim?handler=Create",
            new() { ["Input.Domain"] = "page.test", ["Input.Selector"] = "pg1", ["Input.Algorithm"] = "Rsa2048" },
                "/Dkim");
        var duplicate = await admin.PostFormAsync("/Dkim?handler=Create",
            new() { ["Input.Domain"] = "page.test", ["Input.Selector"] = "pg1", ["Input.Algorithm"] = "Rsa2048" },
                "/Dkim");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Dkim"));
        var supportPage = await support.GetStringAsync("/Dkim");

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Contains("page.test already has a key with the selector pg1",
            WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()));
        Assert.Contains("<code>pg1._domainkey.page.test</code>", page);
        Assert.Contains("<span class=\"badge fail\">Not published</span>", page);
        Assert.Contains("v=DKIM1; k=rsa; p=MII", page);
        Assert.Contains("pg1._domainkey.page.test", supportPage);
        Assert.DoesNotContain("handler=Create", supportPage);
        Assert.DoesNotContain("PRIVATE KEY", page);
    }
}
