using System.Globalization;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Projects;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Intake;

/// <summary>The identities an actor may choose on the compose page: themselves, and the channels open to them.</summary>
public sealed class SenderChoices(MailRoutingDbContext db, SenderResolver resolver, ChannelAccessRules access, ProjectContexts projects)
{
    /// <summary>The active channels the actor may name as Reply-To (admins: all), by name; in a project, only its channels.</summary>
    public async Task<IReadOnlyList<ReplyToChoice>> ReplyTosAsync(Actor actor, CancellationToken ct, ProjectContext? project = null)
    {
        var channels = await InProjectAsync(await db.EmailChannels.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).ToListAsync(ct), project, ct);
        var rules = await access.ForAsync(channels, ChannelUse.ReplyTo, ct);
        return [.. channels.Where(c => actor.IsAdmin || rules[c.Id].Decide(actor.UserId, actor.Name, c.Address, ChannelUse.ReplyTo).Allowed)
            .Select(c => new ReplyToChoice(c.Id, string.IsNullOrEmpty(c.DisplayName) ? c.Address : $"{c.DisplayName} <{c.Address}>"))];
    }

    /// <param name="project">When sending in a project: only its channels are offered.</param>
    public async Task<IReadOnlyList<SenderChoice>> ForAsync(Actor actor, CancellationToken ct, ProjectContext? project = null)
    {
        var grants = (await db.OAuthGrants.AsNoTracking().Select(g => new { g.Owner, g.OwnerId }).ToListAsync(ct))
            .Select(g => new GrantKey(g.Owner, g.OwnerId)).ToHashSet();
        var servers = (await db.SmtpServers.AsNoTracking().ToListAsync(ct)).Select(s => RoutingServer.From(s, grants.Contains(GrantKey.ForServer(s.Id)))).ToList();
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actor.UserId, ct);
        var channels = await InProjectAsync(await db.EmailChannels.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).ToListAsync(ct), project, ct);
        var rules = await access.ForAsync(channels, ChannelUse.Sender, ct);
        var self = RoutingSender.From(me, grants.Contains(new GrantKey(GrantOwner.User, me.Id)));
        return
        [
            new SenderChoice($"user:{me.Id}", $"{self.DisplayName} <{self.Address}> (you)", new SenderRef(null, me.Id), resolver.Resolve(self, servers, actor)),
            .. channels
                .Where(c => actor.IsAdmin || rules[c.Id].Decide(actor.UserId, actor.Name, c.Address, ChannelUse.Sender).Allowed)
                .Select(c =>
                {
                    var sender = RoutingSender.From(c, rules[c.Id], grants.Contains(new GrantKey(GrantOwner.Channel, c.Id.ToString(CultureInfo.InvariantCulture))));
                    return new SenderChoice($"channel:{c.Id.ToString(CultureInfo.InvariantCulture)}", $"{sender.DisplayName} <{sender.Address}>",
                        new SenderRef(c.Id, null), resolver.Resolve(sender, servers, actor));
                }),
        ];
    }

    private async Task<List<EmailChannel>> InProjectAsync(List<EmailChannel> channels, ProjectContext? project, CancellationToken ct)
    {
        if (project is null)
        {
            return channels;
        }

        var limits = await projects.LimitsAsync([.. channels.Select(c => c.Id)], ct);
        return [.. channels.Where(c => project.Offers(c.Address, [.. limits[c.Id]]).Allowed)];
    }
}
