using System.Net;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;
using static MailRouting.Outbox.Delivery.Api.ApiSendFailures;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// What the Gmail API's refusals of messages.send mean and who fixes them
/// (https://developers.google.com/gmail/api/guides/handle-errors, https://support.google.com/a/answer/166852).
/// </summary>
public static class GmailAnswers
{
    public static SendFailure Explain(ApiError error, SmtpEndpoint endpoint, OutboxMessage message)
    {
        var mailbox = endpoint.Username;
        return error switch
        {
            { Status: HttpStatusCode.Unauthorized } => TokenRefused(error, endpoint, message,
                "Check that the OAuth app may use the Gmail API (enabled in the Google Cloud project) with the scope "
                    + "https://www.googleapis.com/auth/gmail.send, then reconnect the mailbox."),
            _ when error.Code == "dailyLimitExceeded" || error.Message.Contains("sending limit",
                StringComparison.OrdinalIgnoreCase)
                => Temporary(error, new Diagnostic(DiagnosticCode.DailyLimitReached,
                    $"The mailbox {mailbox} has reached Google's daily sending limit (2,000 messages a day for Google "
                        + $"Workspace, 500 for a consumer Gmail account).",
                    "Nothing is lost: the message waits and is retried; the limit resets within 24 hours.")),
            { Code: "rateLimitExceeded" or "userRateLimitExceeded" } or { Status: HttpStatusCode.TooManyRequests }
                => Temporary(error, new Diagnostic(DiagnosticCode.RateLimited,
                    $"The Gmail API is limiting how fast {mailbox} may send ({error.Code}).",
                    "Nothing is lost: the mailbox's messages wait and are retried. If it keeps happening, lower this "
                        + "server's parallel sessions or messages per minute.")),
            { Status: HttpStatusCode.Forbidden } =>
                NeedsConfiguration(error, new Diagnostic(DiagnosticCode.OAuthAppRejected,
                $"The Gmail API refused to send as {mailbox}: {error.Message} ({error.Code}).",
                "Connect the mailbox itself (a token may send only as its own account), and check that the Google "
                    + "Workspace admin allows the app (API controls) and the Gmail API is enabled in its Cloud "
                    + "project.")),
            { Code: "failedPrecondition" } => NeedsConfiguration(error, new Diagnostic(DiagnosticCode.AuthFailed,
                $"The Gmail API cannot send from {mailbox}: {error.Message}",
                "Check that the account has Gmail enabled (Google Workspace: the Gmail service is on for its "
                    + "organisational unit).")),
            { Status: HttpStatusCode.RequestEntityTooLarge } =>
                Permanent(error, new Diagnostic(DiagnosticCode.MessageTooLarge,
                "The message is larger than Gmail sends (35 MB with its attachments encoded).",
                "Send smaller attachments, or a link to them.")),
            { StatusNumber: >= 500 } => Temporary(error, new Diagnostic(DiagnosticCode.TemporaryFailure,
                $"The Gmail API could not take the message right now ({error.StatusNumber} {error.Code}).",
                "Nothing to do: the message is retried.")),
            _ => Permanent(error, new Diagnostic(DiagnosticCode.Unknown,
                $"The Gmail API refused the message, saying \"{error.Reply}\", an answer MailRouting has no rule for.",
                "Ask the Google Workspace administrator, quoting this answer.")),
        };
    }
}
