using MailRouting.Readiness;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Readiness;

/// <summary>
/// Which sign-ins will still send after Microsoft's and Google's changes, the ones at risk first; admins move at-risk
/// channels to a Microsoft Graph or Gmail API server in one step, each tested there before it is saved.
/// </summary>
public sealed class IndexModel(ReadinessReport report, SenderMoves moves, ServerProbe probe, SmtpServerQueries servers)
    : PageModel
{
    public IReadOnlyList<ReadinessItem> Items { get; private set; } = [];

    /// <summary>The servers a channel may be moved to: those sending through an HTTP mail API.</summary>
    public IReadOnlyList<SmtpServerSummary> ApiServers { get; private set; } = [];

    public IReadOnlyList<SenderMoveResult> Moved { get; private set; } = [];

    /// <summary>What each SMTP server advertised when an admin last pressed Probe on this page.</summary>
    public IReadOnlyList<ServerAdvertisement> Advertised { get; private set; } = [];

    [BindProperty]
    public int? TargetServerId { get; set; }

    [BindProperty]
    public List<int> ChannelIds { get; set; } = [];

    [BindProperty]
    public List<string> UserIds { get; set; } = [];

    [BindProperty]
    public string? TestRecipient { get; set; }

    public bool CanMove => User.IsInRole(Roles.Admin);

    /// <summary>Channels and users whose sign-in will stop or has stopped: the ones the move is offered for.</summary>
    public IEnumerable<ReadinessItem> Movable => Items.Where(i =>
            i is { Kind: "Channel" or "User", Verdict: ReadinessVerdict.AtRisk or ReadinessVerdict.Refused
        or ReadinessVerdict.WhileSmtpAuthAllowed });

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostProbeAsync(CancellationToken ct)
    {
        if (!CanMove)
        {
            return Forbid();
        }

        Advertised = await probe.ProbeAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        if (!CanMove)
        {
            return Forbid();
        }

        if (TargetServerId is null)
        {
            ModelState.AddModelError(nameof(TargetServerId), "Choose the server to move the channels to.");
        }

        if (ChannelIds.Count + UserIds.Count is 0 or > SenderMoves.MaxSenders)
        {
            ModelState.AddModelError(nameof(ChannelIds), "Choose the channels and users to move.");
        }

        if (!string.IsNullOrWhiteSpace(TestRecipient) && !EmailAddresses.IsValid(TestRecipient.Trim()))
        {
            ModelState.AddModelError(nameof(TestRecipient), $"'{TestRecipient.Trim()}' is not a valid email address.");
        }

        if (ModelState.IsValid)
        {
            Moved = await moves.MoveAsync(TargetServerId!.Value, ChannelIds, UserIds, TestRecipient.TrimmedOrNull(),
                ct) ?? [];
            if (Moved.Count == 0)
            {
                ModelState.AddModelError(nameof(TargetServerId), "That server does not exist.");
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = [.. (await report.ItemsAsync(ct)).OrderBy(i => Urgency(i.Verdict)).ThenBy(i => i.Kind).ThenBy(i =>
                i.Name)];
        ApiServers = [.. (await servers.ListAsync(ct)).Where(s => s.Transport.IsHttpApi())];
    }

    private static int Urgency(ReadinessVerdict verdict) => verdict switch
    {
        ReadinessVerdict.Refused => 0,
        ReadinessVerdict.AtRisk => 1,
        ReadinessVerdict.WhileSmtpAuthAllowed => 2,
        ReadinessVerdict.Ready => 3,
        _ => 4,
    };
}
