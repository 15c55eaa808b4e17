using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Overview;

/// <summary>
/// The steps from a fresh install to a first delivered message, each ticked from what is really configured (never
/// from a flag someone sets), so the list stays true when things are deleted or break again.
/// </summary>
public sealed class SetupChecklist(MailRoutingDbContext db)
{
    public async Task<IReadOnlyList<SetupStep>> StepsAsync(CancellationToken ct)
    {
        var servers = await db.SmtpServers.AsNoTracking()
            .Select(s => new { s.Id, s.Kind, s.IsDefault, s.AuthMethod, Passed = s.LastTestAt != null && s.LastTestSucceeded })
            .ToListAsync(ct);
        List<SetupStep> steps =
        [
            new("Add your mail server and pass its test",
                "Mail leaves through it; the test signs in exactly as sending will.",
                "/SmtpServers/Edit", servers.Any(s => s.Kind == ServerKind.Custom && s.Passed)),
            new("Make a tested server the default",
                "Every channel and user without a server of its own sends through the default.",
                "/SmtpServers", servers.Any(s => s.IsDefault && s.Passed)),
            new("Add a channel for each shared address",
                "support@, sales@: who may send as it, and which login it signs in with.",
                "/Channels/Edit", await db.EmailChannels.AnyAsync(ct)),
            new("Add your agents, or groups of them",
                "Each user sends as themselves or through the channels they are given.",
                "/Users/Create", await db.Users.CountAsync(ct) > 1 || await db.UserGroups.AnyAsync(ct)),
        ];
        var oauthServers = servers.Where(s => s is { Kind: ServerKind.Custom, AuthMethod: SmtpAuthMethod.OAuth2 })
            .Select(s => GrantKey.ForServer(s.Id).OwnerId).ToList();
        if (oauthServers.Count > 0)
        {
            var connected = await db.OAuthGrants.CountAsync(g => g.Owner == GrantOwner.Server && g.Status == GrantStatus.Connected
                && oauthServers.Contains(g.OwnerId), ct);
            steps.Add(new("Connect the mailbox of each OAuth2 server",
                "Microsoft 365 and Google sign in with a connection, not a password.",
                "/SmtpServers", connected == oauthServers.Count));
        }

        steps.Add(new("Send a first message", "Compose one to yourself: the message page shows the route it took.",
            "/Compose", await db.Outbox.AnyAsync(m => m.Status == MessageStatus.Sent, ct)));
        return steps;
    }
}
