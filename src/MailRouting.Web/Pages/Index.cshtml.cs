using System.Security.Claims;
using MailRouting.Health;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MailRouting.Overview;
using MailRouting.Resolution;
using MailRouting.Users;
using MailRouting.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages;

/// <summary>
/// The home page leads: an admin first gets the setup checklist, then what needs action; Support the recent failures
/// with their explanations; an agent their mailbox and their recent messages.
/// </summary>
public sealed class IndexModel(DeliveryStatus status, MailboxConnectionQueries connections, ActionList actions, SetupChecklist checklist,
    MessageQueries messages, SenderResolution resolution, CredentialHealth health) : PageModel
{
    private const int RecentCount = 5;

    public DeliveryOverview? Delivery { get; private set; }

    /// <summary>For admins and Support: what needs action, most urgent first.</summary>
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];

    /// <summary>
    /// For admins and Support: credentials that will stop mail soon, or have (reconnects are listed apart).
    /// </summary>
    public IReadOnlyList<CredentialWarning> CredentialWarnings { get; private set; } = [];

    /// <summary>For admins: mailboxes whose mail is held until someone reconnects them.</summary>
    public IReadOnlyList<MailboxToReconnect> ToReconnect { get; private set; } = [];

    /// <summary>For admins until every step is done: the way from a fresh install to a first delivered message.</summary>
    public IReadOnlyList<SetupStep> Setup { get; private set; } = [];

    public bool SetupDone => Setup.All(step => step.Done);

    /// <summary>For admins and Support: the newest failed messages, each with what went wrong.</summary>
    public IReadOnlyList<MessageView> RecentFailures { get; private set; } = [];

    /// <summary>For agents: how their own mail goes out, or why it cannot.</summary>
    public Resolution.Resolution? OwnMail { get; private set; }

    /// <summary>For agents: their newest messages.</summary>
    public IReadOnlyList<MessageView> RecentMessages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = MessageEndpoints.ActorOf(User);
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Support))
        {
            Delivery = await status.OverviewAsync(ct);
            Actions = await actions.ItemsAsync(Delivery, ct);
            CredentialWarnings = [.. (await health.WarningsAsync(ct)).Where(w =>
                    w.Problem != CredentialProblem.RefreshFailed)];
            RecentFailures = await messages.RecentAsync(actor, MessageStatus.Failed, RecentCount, ct);
        }

        if (User.IsInRole(Roles.Admin))
        {
            ToReconnect = await connections.NeedingReconnectAsync(ct);
            Setup = await checklist.StepsAsync(ct);
        }

        if (User.IsInRole(Roles.Agent))
        {
            OwnMail = (await resolution.ForUserAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct))?.Resolution;
            RecentMessages = await messages.RecentAsync(actor, null, RecentCount, ct);
        }
    }
}
