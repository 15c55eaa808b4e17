using System.Globalization;
using MailRouting.Data;
using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Overview;

/// <summary>
/// What needs action, most urgent first: held messages, failed messages, servers whose last test failed, servers
/// falling behind their sending limit, channels and users whose own login has no password, and users whose Profile
/// sign-ins were refused again and again. Each item links to where it is fixed.
/// </summary>
public sealed class ActionList(MailRoutingDbContext db, SenderResolution resolution, ProfileSignIns signIns)
{
    private const int BehindMinutes = 5;

    /// <param name="delivery">The home page's status figures, which already count the failed messages.</param>
    public async Task<IReadOnlyList<ActionItem>> ItemsAsync(DeliveryOverview delivery, CancellationToken ct)
    {
        var items = new List<ActionItem>();
        var held = await db.Outbox.CountAsync(m => m.HeldForConfiguration && m.Status == MessageStatus.Retrying, ct);
        if (held > 0)
        {
            items.Add(new ActionItem($"{Counts.Of(held, "message is", "messages are")} held until a sign-in or certificate is fixed.", "/Messages?status=Retrying"));
        }

        var failed = delivery.ByStatus.GetValueOrDefault(MessageStatus.Failed);
        if (failed > 0)
        {
            items.Add(new ActionItem($"{Counts.Of(failed, "message", "messages")} failed; after fixing the cause, retry from the message's page.", "/Messages?status=Failed"));
        }

        var servers = await db.SmtpServers.AsNoTracking().Where(s => s.LastTestAt != null && !s.LastTestSucceeded).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.LastTestCode }).ToListAsync(ct);
        items.AddRange(servers.Select(s => new ActionItem($"The last test of the server {s.Name} failed ({s.LastTestCode}).",
            $"/SmtpServers/Details/{s.Id.ToString(CultureInfo.InvariantCulture)}")));

        items.AddRange(await BehindAsync(ct));

        var passwordServers = db.SmtpServers.Where(s =>
                s.Kind == ServerKind.Custom && s.AuthMethod != SmtpAuthMethod.None
            && s.AuthMethod != SmtpAuthMethod.OAuth2 && s.AuthMethod != SmtpAuthMethod.OAuth2App);
        var defaultId = await resolution.DefaultServerIdAsync(ct);
        var channels = await db.EmailChannels.AsNoTracking()
            .Where(c => c.OverrideCredentials && c.ProtectedPassword == null && passwordServers.Any(s => s.Id == (c.ServerId ?? defaultId)))
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        items.AddRange(channels.Select(c => new ActionItem($"The channel {c.Name} signs in with its own login but has no password.",
            $"/Channels/Edit/{c.Id.ToString(CultureInfo.InvariantCulture)}")));
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OverrideCredentials && u.ProtectedSmtpPassword == null && passwordServers.Any(s => s.Id == (u.ServerId ?? defaultId)))
            .CountAsync(ct);
        if (users > 0)
        {
            items.Add(new ActionItem($"{Counts.Of(users, "user signs", "users sign")} in with their own login but set no password yet; they are asked to on every page.", "/Users"));
        }

        items.AddRange((await signIns.RepeatedlyRefusedAsync(ct)).Select(r => new ActionItem(
            $"The mail server refused {r.Refused} sign-ins that {r.Email} tried from their Profile in the last day (the last as {r.LastTarget}): " +
            "a forgotten password, or someone guessing one.", $"/Users/Account/{r.UserId}")));

        return items;
    }

    /// <summary>
    /// Servers whose waiting mail takes more than <see cref="BehindMinutes"/> minutes at their per-minute limit: the
    /// admin may raise the limit, if the provider allows, or spread the channels over more servers.
    /// </summary>
    private async Task<IEnumerable<ActionItem>> BehindAsync(CancellationToken ct)
    {
        var limited = await db.SmtpServers.AsNoTracking().Where(s => s.MaxMessagesPerMinute != null)
            .Select(s => new { s.Id, s.Name, PerMinute = s.MaxMessagesPerMinute!.Value }).ToListAsync(ct);
        if (limited.Count == 0)
        {
            return [];
        }

        var ids = limited.Select(s => s.Id).ToList();
        var waiting = await db.Outbox.Where(m => ids.Contains(m.ServerId) && !m.HeldForConfiguration
                && (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending || m.Status == MessageStatus.Retrying))
            .GroupBy(m => m.ServerId).Select(g => new { ServerId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ServerId, g => g.Count, ct);
        return limited.Where(s => waiting.GetValueOrDefault(s.Id) > s.PerMinute * BehindMinutes).Select(s => new ActionItem(
            $"The server {s.Name} has {Counts.Of(waiting[s.Id], "message", "messages")} waiting and sends at most {s.PerMinute} a minute: the last " +
            $"goes out in about {(waiting[s.Id] + s.PerMinute - 1) / s.PerMinute} minutes. Raise its limit if the provider allows, or move channels to another server.",
            $"/SmtpServers/Details/{s.Id.ToString(CultureInfo.InvariantCulture)}"));
    }
}
