using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The signature pages: saving cleaned HTML, refusing what is too long in words, Support reading only, Compose's preview.</summary>
public sealed class SignaturePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheCentralSignature_IsSavedCleaned_TooLongIsRefusedOnThePage_AndSupportOnlyReads()
    {
        var browser = await app.BrowserAsync();
        await app.CreateUserAsync("signature-support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("signature-support@acme.test", "Support-Pa55word!");

        var saved = await browser.PostFormAsync("/Signatures?handler=Signature", new() { ["SignatureText"] = "Regards, {name}", ["SignatureHtml"] = "<b>{name}</b><script>x()</script>" }, "/Signatures");
        var tooLong = await browser.PostFormAsync("/Signatures?handler=Signature", new() { ["SignatureText"] = new string('x', 20_001), ["SignatureHtml"] = "" }, "/Signatures");
        var byAnother = await support.PostFormAsync("/Signatures?handler=Signature", new() { ["SignatureText"] = "Support was here" }, "/Signatures");
        var stored = (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>("/api/v1/signatures/central"))!;

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("A signature has at most 20,000 characters.", await tooLong.Content.ReadAsStringAsync());
        Assert.StartsWith("/Account/AccessDenied", byAnother.Headers.Location!.PathAndQuery);
        Assert.Equal("Regards, {name}", (string?)stored["text"]);
        Assert.Equal("<b>{name}</b>", (string?)stored["html"]);
        Assert.DoesNotContain("Save signature", await support.GetStringAsync("/Signatures"));
    }

    [Fact]
    public async Task Compose_PreviewsTheSignatureTheChosenSenderWouldCarry_FilledInForTheAgent()
    {
        var api = await app.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        var channel = (int)(await (await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Preview {tag}", address = $"preview-{tag}@acme.test", displayName = $"Preview Desk {tag}" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await api.PutAsJsonAsync($"/api/v1/channels/{channel}/signature", new { text = "{name} · {channel} · {mobile}" });
        await app.CreateUserAsync($"preview-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.BrowserAsync($"preview-{tag}@acme.test", "Agent-Pa55word!");
        await agent.PostFormAsync("/Profile?handler=Contact", new() { ["Contact.Phone"] = "", ["Contact.Mobile"] = "+1 555 0100", ["Contact.Fax"] = "" }, "/Profile");

        var preview = WebUtility.HtmlDecode(await (await agent.PostFormAsync("/Compose?handler=Preview", new()
        {
            ["Input.From"] = $"channel:{channel}", ["Input.To"] = "", ["Input.AddSignature"] = "true",
        }, "/Compose")).Content.ReadAsStringAsync());

        Assert.Contains($"preview-{tag}@acme.test · Preview Desk {tag} · +1 555 0100", preview);
    }
}
