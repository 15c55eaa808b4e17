using System.Globalization;
using MailRouting.Data;
using MailRouting.Outbox;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Health;

/// <summary>
/// The last attempt of waiting messages, by the login they sign in with, for the checks that read the outbox.
/// </summary>
public sealed class OutboxTrouble(MailRoutingDbContext db)
{
    /// <summary>The most waiting messages read; enough to see every login in trouble.</summary>
    private const int Newest = 2_000;

    public sealed record Login(int ServerId, string ServerName, string? Name, CredentialSource Credentials,
        SenderKind SenderKind,
        string SenderId, int Waiting, DeliveryAttempt LastAttempt);

    /// <param name="held">Messages held until the sign-in settings change, or those waiting for their next
    /// retry (or being retried now, so a warning does not flicker while a retry is under way).</param>
    /// <param name="codes">The diagnostic codes of the last attempt that count.</param>
    public async Task<IReadOnlyList<Login>> LoginsAsync(bool held, IReadOnlySet<string> codes, CancellationToken ct)
    {
        var waiting = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.Retrying || (!held && m.Status == MessageStatus.Sending))
                && m.HeldForConfiguration == held)
            .OrderByDescending(m => m.CreatedAt).Take(Newest)
            .Select(m => new { m.ServerId, m.Login, m.Credentials, m.SenderKind, m.SenderId, m.Attempts })
            .ToListAsync(ct);
        var servers = await db.SmtpServers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return [.. waiting
            .Where(m => m.Attempts.Count > 0 && codes.Contains(m.Attempts[^1].DiagnosticCode ?? ""))
            .GroupBy(m => (m.ServerId, m.Login))
            .Select(g =>
            {
                var newest = g.First();
                return new Login(newest.ServerId, servers.GetValueOrDefault(newest.ServerId, "(deleted)"), newest.Login,
                    newest.Credentials, newest.SenderKind, newest.SenderId, g.Count(), newest.Attempts[^1]);
            })];
    }

    /// <summary>
    /// Who fixes a login's sign-in, and on which page: the server's, the channel's, or the user's own Profile.
    /// </summary>
    public static (string WhoActs, string Link) WhoFixes(Login login) => (login.Credentials, login.SenderKind) switch
    {
        (CredentialSource.Sender, SenderKind.User) =>
            ($"{login.Name}, on their Profile (or an admin)", $"/Users/Edit/{login.SenderId}"),
        (CredentialSource.Sender, _) => ("An admin, on the channel's page", $"/Channels/Edit/{login.SenderId}"),
        _ => ("An admin, on the server's page",
            $"/SmtpServers/Edit/{login.ServerId.ToString(CultureInfo.InvariantCulture)}"),
    };
}
