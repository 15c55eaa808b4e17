using System.Net;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;
using static MailRouting.Outbox.Delivery.Api.ApiSendFailures;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// What Microsoft Graph's refusals of sendMail mean and who fixes them (https://learn.microsoft.com/graph/errors,
/// https://learn.microsoft.com/graph/throttling-limits).
/// </summary>
public static class GraphAnswers
{
    public static SendFailure Explain(ApiError error, SmtpEndpoint endpoint, OutboxMessage message)
    {
        var mailbox = endpoint.Username;
        return error switch
        {
            { Status: HttpStatusCode.Unauthorized } => TokenRefused(error, endpoint, message,
                "Check that the OAuth app has the Mail.Send permission for Microsoft Graph (with admin consent), and "
                    + "that its token is issued for https://graph.microsoft.com."),
            { Code: "ErrorSendAsDenied" } => Permanent(error, new Diagnostic(DiagnosticCode.SenderNotOwned,
                $"Microsoft Graph refused the From address: the mailbox {mailbox} has no Send As right on it.",
                "In the Exchange admin center, give the mailbox Send As on that address (Recipients > Mailboxes > the "
                    + "shared mailbox > Delegation > Send As), or send from the mailbox itself; rights can take an "
                    + "hour to apply.")),
            { Code: "ErrorQuotaExceeded" or "ErrorSubmissionQuotaExceeded" } => Temporary(error, new Diagnostic(
                DiagnosticCode.DailyLimitReached,
                $"The mailbox {mailbox} has reached Microsoft 365's sending limit (10,000 recipients a day).",
                "Nothing is lost: the message waits and is retried; the limit resets within 24 hours.")),
            { Status: HttpStatusCode.Forbidden } =>
                NeedsConfiguration(error, new Diagnostic(DiagnosticCode.OAuthAppRejected,
                $"Microsoft Graph refused to send as {mailbox}: the OAuth app lacks the permission ({error.Code}).",
                endpoint.AuthMethod == Servers.SmtpAuthMethod.OAuth2App
                    ? "Grant the app the application permission Mail.Send with admin consent, and check that an "
                        + "application access policy (or RBAC for Applications) includes this mailbox."
                    : "Grant the app the delegated permission Mail.Send, then reconnect the mailbox so it consents "
                        + "again.")),
            { Status: HttpStatusCode.NotFound } or { Code: "ErrorInvalidUser" or "MailboxNotEnabledForRESTAPI" }
                => NeedsConfiguration(error, new Diagnostic(DiagnosticCode.AuthFailed,
                    $"Microsoft Graph knows no mailbox {mailbox} that it can send from ({error.Code}).",
                    "Check the address: it must be an Exchange Online mailbox (a user with a licence, or a shared "
                        + "mailbox).")),
            { Status: HttpStatusCode.RequestEntityTooLarge } or { Code: "ErrorMessageSizeExceeded" }
                => Permanent(error, new Diagnostic(DiagnosticCode.MessageTooLarge,
                    "The message is larger than Microsoft Graph accepts for this mailbox.",
                    "Send smaller attachments, or a link to them.")),
            { Status: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } =>
                Temporary(error, new Diagnostic(
                DiagnosticCode.RateLimited,
                $"Microsoft Graph is limiting how fast {mailbox} may send ({error.Code})"
                    + (error.RetryAfter is { } wait ? $" and asked to wait {wait.TotalSeconds:0} s." : "."),
                "Nothing is lost: the mailbox's messages wait as asked and are retried. If it keeps happening, lower "
                    + "this server's parallel sessions (Graph allows 4 requests at once per mailbox) or messages per "
                    + "minute.")),
            { Code: "ErrorInvalidRecipients" } => Permanent(error, new Diagnostic(DiagnosticCode.RecipientRejected,
                "Microsoft Graph refused a recipient address.", "Check the recipients' addresses for typos.")),
            { StatusNumber: >= 500 } => Temporary(error, new Diagnostic(DiagnosticCode.TemporaryFailure,
                $"Microsoft Graph could not take the message right now ({error.StatusNumber} {error.Code}).",
                "Nothing to do: the message is retried.")),
            _ => Permanent(error, new Diagnostic(DiagnosticCode.Unknown,
                $"Microsoft Graph refused the message, saying \"{error.Reply}\", an answer MailRouting has no rule "
                    + "for.",
                "Ask the Microsoft 365 administrator, quoting this answer.")),
        };
    }
}
