using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Bounces;
using MailRouting.Bounces.Parsing;
using MailRouting.Data;
using MailRouting.IntegrationTests;
using MailRouting.Users;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.BrowserTests;

/// <summary>One of each thing a page shows (server, channel, user, group, project, OAuth app, message), made once for all walks.</summary>
public sealed class WalkData
{
    public const string Password = "Walk-Pa55word!";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static WalkData? made;

    private WalkData(int serverId, int channelId, string agentId, int appId, int groupId, int projectId, string adminMessage, string agentMessage)
    {
        (ServerId, ChannelId, AgentId, AppId, GroupId, ProjectId, AdminMessage, AgentMessage) =
            (serverId, channelId, agentId, appId, groupId, projectId, adminMessage, agentMessage);
    }

    public int ServerId { get; }
    public int ChannelId { get; }
    public string AgentId { get; }
    public int AppId { get; }
    public int GroupId { get; }
    public int ProjectId { get; }
    public string AdminMessage { get; }
    public string AgentMessage { get; }

    public static string Email(string role) => role == Roles.Admin ? AppFactory.AdminEmail : $"walk-{role.ToLowerInvariant()}@acme.test";

    public IEnumerable<(string Path, string Name)> PagesFor(string role)
    {
        if (role == Roles.Admin)
        {
            return
            [
                ("/", "home"), ("/SmtpServers", "servers"), ($"/SmtpServers/Details/{ServerId}", "server"), ("/SmtpServers/Edit", "server-add"),
                ($"/SmtpServers/Edit/{ServerId}", "server-edit"), ("/Channels", "channels"), ($"/Channels/Details/{ChannelId}", "channel"),
                ("/Channels/Edit", "channel-add"), ($"/Channels/Edit/{ChannelId}", "channel-edit"), ("/Users", "users"), ("/Users/Create", "user-add"),
                ($"/Users/Edit/{AgentId}", "user-edit"), ($"/Users/Account/{AgentId}", "user-account"), ("/Groups", "groups"), ($"/Groups/Edit/{GroupId}", "group"),
                ("/Signatures", "signature"), ("/Projects", "projects"), ("/Projects/Edit", "project-add"), ($"/Projects/Edit/{ProjectId}", "project"),
                ($"/Compose?projectId={ProjectId}", "compose-in-project"), ("/OAuthApps", "oauth-apps"), ("/OAuthApps/Edit", "oauth-app-add"),
                ($"/OAuthApps/Edit/{AppId}", "oauth-app-edit"), ("/Compose", "compose"), ("/Messages", "messages"),
                ($"/Messages/Details/{AdminMessage}", "message"), ("/Profile", "profile"), ("/Readiness", "readiness"),
                ("/Dkim", "dkim"), ("/Audit", "audit"), ("/Bounces", "bounces"), ("/Suppressions", "suppressions"),
            ];
        }

        return role == Roles.Support
            ?
            [
                ("/", "home"), ("/SmtpServers", "servers"), ($"/SmtpServers/Details/{ServerId}", "server"), ("/Channels", "channels"),
                ($"/Channels/Details/{ChannelId}", "channel"), ("/Users", "users"), ("/Groups", "groups"), ($"/Groups/Edit/{GroupId}", "group"), ("/Signatures", "signature"), ("/Projects", "projects"),
                ($"/Projects/Edit/{ProjectId}", "project"), ("/Messages", "messages"),
                ($"/Messages/Details/{AdminMessage}", "message"),
                ("/Profile", "profile"), ("/Readiness", "readiness"), ("/Dkim", "dkim"), ("/Audit", "audit"),
                ("/Bounces", "bounces"), ("/Suppressions", "suppressions"),
            ]
            :
            [
                ("/", "home"), ("/Compose", "compose"), ($"/Compose?projectId={ProjectId}", "compose-in-project"), ("/Messages", "messages"),
                ($"/Messages/Details/{AgentMessage}", "message"), ("/Profile", "profile"),
            ];
    }

    public static async Task<WalkData> EnsureAsync(AppFactory app)
    {
        await Gate.WaitAsync();
        try
        {
            return made ??= await MakeAsync(app);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<WalkData> MakeAsync(AppFactory app)
    {
        var admin = await app.ApiClientAsync();
        async Task<JsonObject> CreatedAsync(string path, object body)
        {
            var response = await admin.PostAsJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var oauthApp = await CreatedAsync("/api/v1/oauth-apps", new { name = "Walk Google", provider = "Google", clientId = "walk.apps.googleusercontent.com", clientSecret = "s" });
        var server = await CreatedAsync("/api/v1/smtp-servers", new
        {
            name = "Walk relay", host = "127.0.0.1", port = 1, security = "None", authMethod = "Plain", username = "walk@acme.test", password = "x", timeoutSeconds = 2,
        });
        foreach (var role in new[] { Roles.Agent, Roles.Support })
        {
            await app.CreateUserAsync($"walk-{role.ToLowerInvariant()}@acme.test", role, Password);
        }

        var agentId = (string)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/users?search=walk-agent"))!["items"]![0]!["id"]!;
        var group = await CreatedAsync("/api/v1/groups", new { name = "Walk team" });
        Assert.True((await admin.PutAsync($"/api/v1/groups/{group["id"]}/members/{agentId}", null)).IsSuccessStatusCode);
        var channel = await CreatedAsync("/api/v1/channels", new
        {
            name = "Walk support", address = "walk-support-channel@acme.test", displayName = "Walk Support", serverId = (int)server["id"]!,
            usableAsReplyTo = false, replyToGroups = new[] { (int)group["id"]! },
        });
        await CreatedAsync("/api/v1/dkim-keys", new { domain = "acme.test", selector = "walk" });
        var project = await CreatedAsync("/api/v1/projects", new
        {
            name = "Walk brand", defaultSenderChannelId = (int)channel["id"]!, memberGroups = new[] { (int)group["id"]! },
        });
        var adminMessage = await CreatedAsync("/api/v1/messages", new { from = new { channelId = (int)channel["id"]! }, to = new[] { "customer@customer.test" }, subject = "Walk", text = "x",
            html = "<p>Hello <b>Walk</b>, a <a href=\"https://acme.test\">link</a>.</p>" });
        await CreatedAsync("/api/v1/channels", new
        {
            name = "Walk bounces", address = "walk-bounces@acme.test", readBounces = true,
            incoming = new
            {
                protocol = "Imap", host = "127.0.0.1", port = 1, security = "None", username = "walk", password = "x",
            },
        });
        await BouncedAsync(app, Guid.Parse((string)adminMessage["id"]!), (int)channel["id"]!);
        var agent = await app.ApiClientAsync("walk-agent@acme.test", Password);
        var agentSent = await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { userId = agentId }, to = new[] { "customer@customer.test" }, subject = "Mine", text = "x" });
        Assert.True(agentSent.IsSuccessStatusCode, await agentSent.Content.ReadAsStringAsync());
        return new WalkData((int)server["id"]!, (int)channel["id"]!, agentId, (int)oauthApp["id"]!, (int)group["id"]!, (int)project["id"]!, (string)adminMessage["id"]!,
            (string)(await agentSent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    /// <summary>A hard bounce about the admin's message (its address suppressed) and an unmatched one.</summary>
    private static async Task BouncedAsync(AppFactory app, Guid message, int channelId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        Bounce Read(long uid, string recipient, Guid? about) => new()
        {
            ReceivedAt = DateTime.UtcNow, ChannelId = channelId, UidValidity = 1, Uid = uid, Recipient = recipient,
            Kind = BounceKind.Hard, Status = "5.1.1",
            Reply = $"550 5.1.1 <{recipient}>: Recipient address rejected: User unknown",
            ReportedBy = "mx.customer.test", Format = BounceFormat.DeliveryStatus, OutboxMessageId = about,
            MatchedBy = about is null ? BounceMatch.None : BounceMatch.MessageId,
            Subject = "Undelivered Mail Returned to Sender", From = "MAILER-DAEMON@mx.customer.test",
            Folder = "Bounces",
        };
        var bounce = Read(1, "former-customer@customer.test", message);
        db.Bounces.AddRange(bounce, Read(2, "stranger@customer.test", null));
        await db.SaveChangesAsync();
        db.Suppressions.Add(new Suppression
        {
            Address = bounce.Recipient, Reason = SuppressionReason.HardBounce, Since = DateTime.UtcNow,
            BounceId = bounce.Id,
            Detail = $"{bounce.Reply} (hard bounce)",
        });
        await db.SaveChangesAsync();
    }
}
