using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Projects;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Resolution;

/// <summary>Loads what a send's rights depend on, for <see cref="SendContext"/>: the project
/// and the Reply-To channel.</summary>
public sealed class SendContexts(MailRoutingDbContext db, ChannelAccessRules access, ProjectContexts projects)
{
    /// <param name="actor">Whose membership the project shows; null when only explaining.</param>
    /// <returns>Null when there is no such project.</returns>
    public Task<ProjectContext?> ProjectAsync(int projectId, Actor? actor, CancellationToken ct) =>
        projects.ForAsync(projectId, actor?.UserId ?? "", ct);

    /// <returns>Null when there is no such channel or it is inactive.</returns>
    public async Task<ReplyToChannel?> ReplyToAsync(int channelId, CancellationToken ct) =>
        await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.IsActive, ct)
            is { } channel
            ? new ReplyToChannel(channel.Id, channel.Address, await access.ForAsync(channel, ChannelUse.ReplyTo, ct),
                [.. (await projects.LimitsAsync([channel.Id], ct))[channel.Id]])
            : null;

    /// <summary>
    /// A project's default Reply-To only while its channel is active: one that became inactive later is shown on the
    /// project's page as a problem, and the project's mail goes out with the sender's own Reply-To meanwhile,
    /// instead of failing.
    /// </summary>
    public async Task<int?> ActiveAsync(int? channelId, CancellationToken ct) =>
        channelId is { } id && await db.EmailChannels.AnyAsync(c => c.Id == id && c.IsActive, ct) ? id : null;
}
