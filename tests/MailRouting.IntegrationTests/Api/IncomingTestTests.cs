using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>A channel's incoming test signs in to the harness's Dovecot over IMAP and POP3.</summary>
[Collection(MtaGroup.Name)]
public sealed class IncomingTestTests(MtaFixture mta, AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<JsonObject> TestAsync(string protocol, int port, string password)
    {
        var api = await app.ApiClientAsync();
        var created = await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Incoming {Guid.NewGuid():N}", address = $"in-{Guid.NewGuid():N}@acme.test",
            incoming = new { protocol, host = MtaFixture.Host, port, security = "None", username = "support@acme.test", password },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        return (await (await api.PostAsync($"/api/v1/channels/{id}/test-incoming", null)).Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Imap_SignsIn()
    {
        var report = await TestAsync("Imap", mta.ImapPort, "support-secret-2");

        Assert.True((bool)report["success"]!, report.ToJsonString());
        Assert.Equal(["connect", "auth", "mailbox"], report["stages"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.DoesNotContain("support-secret-2", report.ToJsonString());
    }

    [Fact]
    public async Task Pop3_SignsIn()
    {
        var report = await TestAsync("Pop3", mta.Pop3Port, "support-secret-2");

        Assert.True((bool)report["success"]!, report.ToJsonString());
    }

    [Fact]
    public async Task WrongPassword_IsAuthFailed()
    {
        var report = await TestAsync("Imap", mta.ImapPort, "wrong-incoming");

        Assert.False((bool)report["success"]!);
        Assert.Equal("AuthFailed", (string?)report["diagnostic"]!["code"]);
        Assert.DoesNotContain("wrong-incoming", report.ToJsonString());
    }
}
