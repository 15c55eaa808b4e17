using MailRouting.ConnectionTests;
using MailRouting.Deliverability;
using MailRouting.OAuth;
using MailRouting.Outbox.Intake;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Web.Forms;
using MailRouting.Web.Mailboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.SmtpServers;

public sealed class DetailsModel(SmtpServerQueries queries, SmtpServerService service, GrantTargets targets,
    MailboxPageActions mailbox, BulkRetry retry,
    Health.CredentialHealth health, LandingCheck landing)
    : PageModel
{
    public SmtpServerSummary Server { get; private set; } = null!;

    /// <summary>Credentials this server's mail depends on that will stop it soon, or have.</summary>
    public IReadOnlyList<Health.CredentialWarning> CredentialWarnings { get; private set; } = [];

    /// <summary>The server it names as its fallback, when it names one.</summary>
    public SmtpServerSummary? Fallback { get; private set; }

    public ConnectionTestReport? Report { get; private set; }

    /// <summary>What receivers will decide about mail from its sender address through it (SPF, DMARC).</summary>
    public LandingForecast? Landing { get; private set; }

    [BindProperty]
    public string? Recipient { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Shows the report right away instead of redirecting: it is a result to read, not a change to confirm.</summary>
    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        Recipient = Recipient?.Trim();
        if (ModelState.IsAcceptable(nameof(Recipient), Recipient))
        {
            Report = await service.TestAsync(id, Recipient, ct);
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>After a fix: every failed message queued again, each resolved with the configuration as it is now.</summary>
    public async Task<IActionResult> OnPostRetryFailedAsync(int id, CancellationToken ct) =>
        CanEdit ? this.Reported(await retry.ForServerAsync(id, Web.Api.MessageEndpoints.ActorOf(User), ct)) : Forbid();

    public async Task<IActionResult> OnPostPinAsync(int id, string fingerprint, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        TempData.Report(await service.PinCertificateAsync(id, fingerprint, ct),
            server => $"The certificate {server.PinnedCertificateSha256} is now trusted for this server. Test again to confirm.");
        return RedirectToPage(new { id });
    }

    /// <summary>Sends the admin to the provider to sign in as the server's username; the callback page brings them back here.</summary>
    public async Task<IActionResult> OnGetConnectAsync(int id, CancellationToken ct) =>
        CanEdit ? await mailbox.ConnectAsync(this, await targets.ForServerAsync(id, ct), ct) : Forbid();

    public async Task<IActionResult> OnPostDisconnectAsync(int id, CancellationToken ct) =>
        CanEdit ? await mailbox.DisconnectAsync(this, GrantKey.ForServer(id), ct) : Forbid();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Server = (await queries.FindAsync(id, ct))!;
        CredentialWarnings = Server is null ? [] : await health.ForServerAsync(id, ct);
        Fallback = Server?.FallbackServerId is { } fallback ? await queries.FindAsync(fallback, ct) : null;
        Landing = Server is null ? null : await landing.ForAsync(Server.SenderAddress, Server.Host, Server.Transport,
            Server.SignWithDkim, ct);
        return Server is not null;
    }
}
