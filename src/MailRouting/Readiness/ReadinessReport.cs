using System.Globalization;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.Health;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Readiness;

/// <summary>
/// Goes through every custom server's account, every channel and every user with a login of their own, and judges each
/// sign-in with <see cref="ReadinessRules"/>; a refusal with "SMTP AUTH is off" at the last send or test counts.
/// </summary>
public sealed class ReadinessReport(MailRoutingDbContext db, OutboxTrouble outbox)
{
    private static readonly HashSet<string> OffCodes = [nameof(DiagnosticCode.BasicAuthDisabled),
        nameof(DiagnosticCode.BasicAuthNotSupported)];

    public async Task<IReadOnlyList<ReadinessItem>> ItemsAsync(CancellationToken ct)
    {
        var servers = await db.SmtpServers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var defaultId = servers.Values.FirstOrDefault(s => s.IsDefault)?.Id;
        var refused = (await outbox.LoginsAsync(held: true, OffCodes, ct)).Select(l =>
                (l.ServerId, l.Name)).ToHashSet();
        bool Refused(SmtpServer server, string? login) => refused.Contains((server.Id, login))
            || (login == server.Username && !server.LastTestSucceeded && OffCodes.Contains(server.LastTestCode ?? ""));
        ReadinessItem Item(string kind, string id, string name, string? login, SmtpServer server, string link)
        {
            var judged = ReadinessRules.Judge(server.Host, server.Transport, server.AuthMethod, Refused(server, login));
            return new ReadinessItem(kind, id, name, login, server.Id, server.Name, judged.Provider, SignInOf(server),
                judged.Verdict,
                judged.Reason, judged.Fix, link);
        }

        var items = servers.Values.Where(s => s.Kind == ServerKind.Custom).OrderBy(s => s.Name)
            .Select(s => Item("Server", Text(s.Id), s.Name,
                s.AuthMethod == SmtpAuthMethod.None ? null : s.Username ?? s.SenderAddress, s,
                $"/SmtpServers/Details/{Text(s.Id)}")).ToList();
        var channels = await db.EmailChannels.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Address, c.ServerId, c.OverrideCredentials,
                c.Username }).ToListAsync(ct);
        foreach (var channel in channels)
        {
            if (servers.GetValueOrDefault(channel.ServerId ?? defaultId ?? 0) is { Kind: ServerKind.Custom } server)
            {
                var login = Login(server, channel.Address,
                    channel.OverrideCredentials ? channel.Username ?? channel.Address : null);
                items.Add(Item("Channel", Text(channel.Id), channel.Name, login, server,
                    $"/Channels/Details/{Text(channel.Id)}"));
            }
        }

        var users = await db.Users.AsNoTracking().Where(u => u.OverrideCredentials).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.ServerId, u.SmtpUsername }).ToListAsync(ct);
        foreach (var user in users)
        {
            if (servers.GetValueOrDefault(user.ServerId ?? defaultId ?? 0) is { Kind: ServerKind.Custom } server)
            {
                var login = Login(server, user.Email!,
                    string.IsNullOrWhiteSpace(user.SmtpUsername) ? user.Email : user.SmtpUsername);
                items.Add(Item("User", user.Id, user.Email!, login, server, $"/Users/Edit/{user.Id}"));
            }
        }

        return items;
    }

    /// <summary>
    /// Who signs in for a sender: its own login, the mailbox itself with the app's permission, or the server's account.
    /// </summary>
    private static string? Login(SmtpServer server, string address, string? ownLogin) => server.AuthMethod switch
    {
        SmtpAuthMethod.OAuth2App => address,
        SmtpAuthMethod.None when ownLogin is null => null,
        _ => ownLogin ?? server.Username,
    };

    private static string SignInOf(SmtpServer server) =>
        server.Transport.IsHttpApi() ? server.Transport.Describe() : server.AuthMethod switch
    {
        SmtpAuthMethod.None => "no sign-in over SMTP",
        SmtpAuthMethod.OAuth2 => "OAuth2 over SMTP",
        SmtpAuthMethod.OAuth2App => "the app's own OAuth2 permission over SMTP",
        _ => "a password over SMTP",
    };

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
