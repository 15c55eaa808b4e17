using MailRouting.Outbox;
using MailRouting.Outbox.Intake;
using MailRouting.Outbox.Status;
using MailRouting.Servers;
using MailRouting.Signatures;
using MailRouting.Users;
using MailRouting.Web.Api;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Messages;

public sealed class DetailsModel(MessageQueries queries, MessageRetry retry, SmtpServerService servers,
    SmtpServerQueries serverQueries) : PageModel
{
    public MessageView Message { get; private set; } = null!;

    /// <summary>The message as written: its addresses, bodies and attachments.</summary>
    public MessageContent Written { get; private set; } = null!;

    /// <summary>The HTML body as the page shows it (in a sandboxed frame): cleaned to formatting, links and images.</summary>
    public string? Html => Written.Html is { } html ? SignatureHtml.Clean(html).Html : null;

    public bool CanRetry => User.IsInRole(Roles.Admin) && Message.Status == MessageStatus.Failed;

    /// <summary>For admins, while the last attempt met a certificate nothing trusts: its fingerprint, to pin it from here.</summary>
    public string? UntrustedCertificate =>
        User.IsInRole(Roles.Admin) && Message is { Status: not MessageStatus.Sent, Attempts: [.., var last] } ? last.CertificateSha256 : null;

    /// <summary>When the message moved to its server's fallback: which server carries it, and which refused.</summary>
    public string? FallbackNote { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var actor = MessageEndpoints.ActorOf(User);
        if (await queries.FindAsync(id, actor, ct) is not { } message || await queries.ContentAsync(id, actor, ct) is not { } content)
        {
            return NotFound();
        }

        (Message, Written) = (message, content);
        if (message.FallbackFromServerId is { } refused)
        {
            var (first, fallback) = (await serverQueries.FindAsync(refused, ct),
                await serverQueries.FindAsync(message.ServerId, ct));
            FallbackNote = $"Carried by the fallback server {fallback?.Name ?? "(deleted)"}"
                + $"{(fallback is null ? "" : $", through {fallback.Transport.Describe()}")}: "
                + $"{first?.Name ?? "the first server"} refused the way it signs in (see the attempts).";
        }

        if (message.Status is MessageStatus.Sent or MessageStatus.Failed)
        {
            TempData.DropUnderWay();
        }

        return Page();
    }

    /// <summary>The status and attempts alone, for the page to follow a message live.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct) =>
        await queries.FindAsync(id, MessageEndpoints.ActorOf(User), ct) is { } message ? Partial("_MessageProgress", message) : NotFound();

    public async Task<IActionResult> OnPostTrustAsync(Guid id, string fingerprint, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        if (await queries.FindAsync(id, MessageEndpoints.ActorOf(User), ct) is not { } message)
        {
            return NotFound();
        }

        TempData.Report(await servers.PinCertificateAsync(message.ServerId, fingerprint, ct),
            server => $"The certificate {server.PinnedCertificateSha256} is now trusted for {server.Name}; messages held for it go out again.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        TempData.Report(await retry.RetryAsync(id, MessageEndpoints.ActorOf(User), ct), message =>
            $"The message is queued again, from {message.FromAddress}" + (message.Login is null ? "." : $", signed in as {message.Login}."));

        return RedirectToPage(new { id });
    }
}
