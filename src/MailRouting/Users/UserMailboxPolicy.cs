using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Users;

/// <summary>
/// Where users' own IMAP mailboxes (copy to Sent) may be, so a user cannot make the app connect to any host and port.
/// Mail:UserMailboxes:AllowedHosts lists "host" (ports 143 and 993) or "host:port"; without it, the hosts an admin configured
/// already are allowed: every SMTP server's host and every channel's incoming host on 143 and 993, and each channel's own
/// incoming host and port.
/// </summary>
public sealed class UserMailboxPolicy(MailRoutingDbContext db, IConfiguration configuration)
{
    public const string Section = "Mail:UserMailboxes:AllowedHosts";

    private static readonly int[] ImapPorts = [143, 993];

    /// <summary>The allowed endpoints, each as <see cref="Key"/> gives it.</summary>
    public async Task<IReadOnlySet<string>> AllowedAsync(CancellationToken ct)
    {
        var configured = configuration.GetSection(Section).Get<string[]>() ?? [];
        if (configured.Length > 0)
        {
            return configured.SelectMany(Expand).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var serverHosts = await db.SmtpServers.AsNoTracking().Select(s => s.Host).ToListAsync(ct);
        var channels = await db.EmailChannels.AsNoTracking().Where(c => c.Incoming.Protocol == IncomingProtocol.Imap && c.Incoming.Host != null)
            .Select(c => new { c.Incoming.Host, c.Incoming.Port }).ToListAsync(ct);
        return serverHosts.Concat(channels.Select(c => c.Host!)).SelectMany(Expand)
            .Concat(channels.Where(c => c.Port != null).Select(c => Key(c.Host!, c.Port!.Value)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The allowed hosts, without ports, for a message to the user.</summary>
    public static string Describe(IReadOnlySet<string> allowed) =>
        string.Join(", ", allowed.Select(e => e[..e.LastIndexOf(':')]).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));

    /// <summary>"host" stands for its IMAP ports; "host:port" (or "[v6]:port") for that port only.</summary>
    private static IEnumerable<string> Expand(string entry)
    {
        var text = entry.Trim();
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        return colon > 0 && int.TryParse(text[(colon + 1)..], out var port) && (!host.Contains(':', StringComparison.Ordinal) || host.EndsWith(']'))
            ? [Key(host, port)]
            : ImapPorts.Select(p => Key(text, p));
    }

    public static string Key(string host, int port) => $"{EmailAddresses.Host(host).Trim('[', ']')}:{port}";
}
