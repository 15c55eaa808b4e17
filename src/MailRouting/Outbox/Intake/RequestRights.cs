using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Projects;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// The project and the Reply-To channel a request asks for: the project's defaults stand in for what the request leaves
/// out, and each is checked against what the actor may use.
/// </summary>
public sealed class RequestRights(MailRoutingDbContext db, ChannelAccessRules access, ProjectContexts projects)
{
    /// <returns>The request with the project's defaults, the project, or why the project cannot be used.</returns>
    public async Task<(SendRequest Request, ProjectContext? Project, EnqueueResult? Refused)> WithProjectAsync(SendRequest request, Actor actor,
        CancellationToken ct)
    {
        if (request.ProjectId is not { } projectId)
        {
            return (request, null, null);
        }

        var project = await projects.ForAsync(projectId, actor.UserId, ct);
        if (project is null)
        {
            return (request, null, EnqueueResult.Invalid("projectId", "That project does not exist."));
        }

        if (project.Admits(actor) is { Allowed: false } outside)
        {
            return (request, project, EnqueueResult.NotPermitted(outside.Reason, "Ask an admin to add you to the project, or send without it."));
        }

        return (request with
        {
            From = request.From ?? (project.DefaultSenderChannelId is { } sender ? new SenderRef(sender, null) : null),
            ReplyToChannelId = request.ReplyToChannelId ?? await ActiveAsync(project.DefaultReplyToChannelId, ct),
        }, project, null);
    }

    /// <summary>Why the sending channel is not the project's to use; null when it is, or there is no project.</summary>
    public async Task<EnqueueResult?> SenderOutsideAsync(ProjectContext? project, int? channelId, CancellationToken ct) =>
        project is not null && await OutsideAsync(project, channelId, ct) is { } reason
            ? EnqueueResult.NotPermitted(reason, "Send as a channel of the project, or without the project.")
            : null;

    /// <param name="implied">The Reply-To the sender's plan gives when the request names no channel.</param>
    /// <returns>The Reply-To address, or why the channel asked for cannot be used.</returns>
    public async Task<(string? ReplyTo, EnqueueResult? Refused)> ReplyToAsync(SendRequest request, ProjectContext? project, string? implied,
        Actor actor, CancellationToken ct)
    {
        if (request.ReplyToChannelId is not { } channelId)
        {
            return (implied, null);
        }

        var channel = await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.IsActive, ct);
        if (channel is null)
        {
            return (null, EnqueueResult.Invalid("replyToChannelId", "That channel does not exist or is inactive."));
        }

        var allowed = (await access.ForAsync(channel, ChannelUse.ReplyTo, ct)).Decide(actor.UserId, actor.Name, channel.Address, ChannelUse.ReplyTo);
        if (!actor.IsAdmin && !allowed.Allowed)
        {
            return (null, EnqueueResult.NotPermitted(allowed.Reason,
                "Ask an admin to give you this channel for Reply-To (on its page), or choose another Reply-To."));
        }

        return project is not null && await OutsideAsync(project, channel.Id, ct) is { } reason
            ? (null, EnqueueResult.NotPermitted(reason, "Choose a Reply-To channel of the project."))
            : (channel.Address, null);
    }

    /// <summary>
    /// A project's default Reply-To only while its channel is active: one that became inactive later is shown on the
    /// project's page as a problem, and the project's mail goes out with the sender's own Reply-To meanwhile, instead of failing.
    /// </summary>
    private async Task<int?> ActiveAsync(int? channelId, CancellationToken ct) =>
        channelId is { } id && await db.EmailChannels.AnyAsync(c => c.Id == id && c.IsActive, ct) ? id : null;

    /// <summary>Why a channel may not be used in the project; null when it may (or the sender is a person).</summary>
    private async Task<string?> OutsideAsync(ProjectContext project, int? channelId, CancellationToken ct)
    {
        if (channelId is not { } id)
        {
            return null;
        }

        var address = await db.EmailChannels.AsNoTracking().Where(c => c.Id == id).Select(c => c.Address).SingleAsync(ct);
        var offered = project.Offers(address, [.. (await projects.LimitsAsync([id], ct))[id]]);
        return offered.Allowed ? null : offered.Reason;
    }
}
