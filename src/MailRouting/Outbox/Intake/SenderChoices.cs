using System.Globalization;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Projects;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// The identities and Reply-To channels an actor may choose on the compose page: themselves, and the channels the
/// resolver lets them use (in a project, with the project's rules). Nothing here decides a right.
/// </summary>
public sealed class SenderChoices(MailRoutingDbContext db, SenderResolver resolver, ChannelAccessRules access, ProjectContexts projects)
{
    /// <summary>The active channels the actor may name as Reply-To (admins: all), by name; in a project, only its channels.</summary>
    public async Task<IReadOnlyList<ReplyToChoice>> ReplyTosAsync(Actor actor, CancellationToken ct, ProjectContext? project = null)
    {
        var channels = await ActiveChannelsAsync(ct);
        var rules = await access.ForAsync(channels, ChannelUse.ReplyTo, ct);
        var limits = await projects.LimitsAsync([.. channels.Select(c => c.Id)], ct);
        var context = new SendContext(actor, project);
        return [.. channels
            .Where(c => SenderResolver.ReplyToRefusal(
                new ReplyToChannel(c.Id, c.Address, rules[c.Id], [.. limits[c.Id]]), context, []) is null)
            .Select(c => new ReplyToChoice(c.Id, string.IsNullOrEmpty(c.DisplayName) ? c.Address : $"{c.DisplayName} <{c.Address}>"))];
    }

    /// <param name="project">When sending in a project: only the channels it offers,
    /// and none to someone outside it.</param>
    public async Task<IReadOnlyList<SenderChoice>> ForAsync(Actor actor, CancellationToken ct, ProjectContext? project = null)
    {
        var grants = (await db.OAuthGrants.AsNoTracking().Select(g => new { g.Owner, g.OwnerId }).ToListAsync(ct))
            .Select(g => new GrantKey(g.Owner, g.OwnerId)).ToHashSet();
        var servers = (await db.SmtpServers.AsNoTracking().ToListAsync(ct))
            .Select(s => RoutingServer.From(s, grants.Contains(GrantKey.ForServer(s.Id)))).ToList();
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actor.UserId, ct);
        var channels = await ActiveChannelsAsync(ct);
        var rules = await access.ForAsync(channels, ChannelUse.Sender, ct);
        var limits = await projects.LimitsAsync([.. channels.Select(c => c.Id)], ct);
        var context = new SendContext(actor, project);
        var self = RoutingSender.From(me, grants.Contains(new GrantKey(GrantOwner.User, me.Id)));
        return
        [
            new SenderChoice($"user:{me.Id}", $"{self.DisplayName} <{self.Address}> (you)", new SenderRef(null, me.Id),
                resolver.Resolve(self, servers, context)),
            .. channels
                .Select(c => RoutingSender.From(c, rules[c.Id],
                    grants.Contains(new GrantKey(GrantOwner.Channel, c.Id.ToString(CultureInfo.InvariantCulture))),
                    [.. limits[c.Id]]))
                .Select(sender => (Sender: sender, Resolution: resolver.Resolve(sender, servers, context)))
                .Where(choice => choice.Resolution.Failure?.Code != FailureCodes.NotPermitted)
                .Select(choice => new SenderChoice($"channel:{choice.Sender.Id}",
                    $"{choice.Sender.DisplayName} <{choice.Sender.Address}>",
                    new SenderRef(int.Parse(choice.Sender.Id, CultureInfo.InvariantCulture), null), choice.Resolution)),
        ];
    }

    private Task<List<EmailChannel>> ActiveChannelsAsync(CancellationToken ct) =>
        db.EmailChannels.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).ToListAsync(ct);
}
