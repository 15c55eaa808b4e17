using System.Globalization;
using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.Deliverability;
using MailRouting.OAuth;
using MailRouting.Outbox.Intake;
using MailRouting.Resolution;
using MailRouting.Signatures;
using MailRouting.Users;
using MailRouting.Web.Forms;
using MailRouting.Web.Mailboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Channels;

public sealed class DetailsModel(
    ChannelQueries channels,
    ChannelService service,
    SenderResolution resolution,
    SenderTester tester,
    IncomingTester incomingTester,
    GrantTargets targets,
    MailboxPageActions mailbox,
    BulkRetry retry,
    SignatureService signatures,
    LandingCheck landing) : PageModel
{
    public ChannelSummary Channel { get; private set; } = null!;

    public ResolvedSender Resolved { get; private set; } = null!;

    public SenderTestResult? Test { get; private set; }

    /// <summary>What receivers will decide about its mail (SPF, DMARC); null when it cannot be sent at all.</summary>
    public LandingForecast? Landing { get; private set; }

    public ConnectionTestReport? IncomingReport { get; private set; }

    public SignatureForm Signature { get; private set; } = null!;

    [BindProperty]
    public string? Recipient { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Recipient = Recipient?.Trim();
        if (ModelState.IsAcceptable(nameof(Recipient), Recipient))
        {
            Test = await tester.TestAsync(Resolved, Recipient, ct);
        }

        return Page();
    }

    /// <summary>After a fix: every failed message queued again, each resolved with the configuration as it is now.</summary>
    public async Task<IActionResult> OnPostRetryFailedAsync(int id, CancellationToken ct) =>
        CanEdit ? this.Reported(await retry.ForChannelAsync(id, Web.Api.MessageEndpoints.ActorOf(User), ct)) : Forbid();

    /// <summary>Sends the admin to the provider to sign in as the channel's own login; the callback page brings them back here.</summary>
    public async Task<IActionResult> OnGetConnectAsync(int id, CancellationToken ct) =>
        CanEdit ? await mailbox.ConnectAsync(this, await targets.ForChannelAsync(id, ct), ct) : Forbid();

    public async Task<IActionResult> OnPostDisconnectAsync(int id, CancellationToken ct) =>
        CanEdit ? await mailbox.DisconnectAsync(this, new GrantKey(GrantOwner.Channel, id.ToString(CultureInfo.InvariantCulture)), ct) : Forbid();

    public async Task<IActionResult> OnPostTestIncomingAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var incoming = await service.IncomingOfAsync(id, ct);
        if (incoming is null || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (incoming.Protocol != IncomingProtocol.None)
        {
            IncomingReport = await incomingTester.TestAsync(incoming, Resolved.Grant, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSignatureAsync(int id, string? signatureText, string? signatureHtml, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var change = await signatures.SaveAsync(SignatureScope.Channel, id, new SignatureInput(signatureHtml, signatureText), ct);
        if (change.Outcome == ChangeOutcome.NotFound || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (change.Value is { } saved)
        {
            TempData.Success((saved.IsSet ? "The channel's signature is saved." : "The channel's signature is removed; the central one applies.") + saved.RemovedNote);
            return RedirectToPage(new { id });
        }

        Signature = Signature with
        {
            Signature = new SignatureView(signatureHtml, signatureText),
            TextError = change.Errors?.GetValueOrDefault("text")?[0],
            HtmlError = change.Errors?.GetValueOrDefault("html")?[0],
        };
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var channel = await channels.FindAsync(id, ct);
        var resolved = await resolution.ForChannelAsync(id, ct);
        if (channel is null || resolved is null)
        {
            return false;
        }

        (Channel, Resolved) = (channel, resolved);
        Landing = await landing.ForPlanAsync(resolved.Resolution.Plan, ct);
        Signature = new SignatureForm("Signature", "Messages sent as this channel carry this signature; without one, the central signature applies.",
            await signatures.GetAsync(SignatureScope.Channel, id, ct), CanEdit, id);
        return true;
    }
}
