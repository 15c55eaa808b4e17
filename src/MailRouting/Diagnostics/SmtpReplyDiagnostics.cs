using System.Text.RegularExpressions;

namespace MailRouting.Diagnostics;

/// <summary>
/// Explains an SMTP reply from its status code, enhanced status code and text. Rules are tried in order and
/// the first match wins, so the specific provider texts come before the generic status classes.
/// </summary>
public static partial class SmtpReplyDiagnostics
{
    private sealed record Rule(Func<Reply, bool> Matches, DiagnosticCode Code, string Message, string Fix);

    private sealed record Reply(int Status, string Enhanced, string Text)
    {
        public bool Says(params string[] phrases) =>
            phrases.Any(p => Text.Contains(p, StringComparison.OrdinalIgnoreCase));

        public bool Is(params string[] enhancedCodes) => enhancedCodes.Contains(Enhanced);
    }

    private static readonly Rule[] Rules =
    [
        ContinuousErrors("5.2.251", "a full mailbox",
            "Free space in the sending mailbox (empty Deleted Items and Sent Items, or raise its quota)."),
        ContinuousErrors("5.2.252", "Send As refused",
            "Give the signing-in mailbox Send As on the From address, or send from the mailbox itself."),
        ContinuousErrors("5.2.253", "an invalid licence",
            "Assign the mailbox a licence that includes Exchange Online."),
        ContinuousErrors("5.2.254", "too many recipients",
            "Send to at most 500 recipients per message, Microsoft 365's limit."),
        ContinuousErrors("5.2.255", "invalid recipients", "Remove the recipient addresses that keep being refused."),
        new(r => r.Is("5.7.30") || r.Says("Basic authentication is not supported for Client Submission"),
            DiagnosticCode.BasicAuthNotSupported,
            "The mail provider no longer accepts a password for sending: Microsoft 365 has turned password sign-in (basic authentication) off for SMTP.",
            "Switch this login to OAuth2 with Microsoft 365: register an OAuth app (OAuth apps page), set the server's authentication to OAuth2 with that app, and connect the mailbox."),
        new(r => r.Is("5.7.139") || r.Says("SmtpClientAuthentication is disabled", "basic authentication is disabled"),
            DiagnosticCode.BasicAuthDisabled,
            "The mail provider has switched off SMTP sign-in (SMTP AUTH) for this mailbox or its tenant.",
            "In Microsoft 365, enable 'Authenticated SMTP' for this mailbox (or the tenant); with a password login, switch it to OAuth2 with Microsoft 365 as well, since password sign-in ends."),
        new(r => r.Is("5.7.9") || r.Says("Application-specific password required"),
            DiagnosticCode.AppPasswordRequired,
            "The account uses two-step verification, so its normal password cannot be used for SMTP.",
            "Create an app password in the account's security settings (Google: myaccount.google.com > Security > App passwords) and enter it as the password."),
        new(r => r.Is("5.2.252") || r.Says("SendAsDenied"),
            DiagnosticCode.SenderNotOwned,
            "Microsoft 365 refused the From address: the mailbox that signed in has no Send As right on it.",
            "In the Exchange admin center, give the signing-in mailbox Send As on that mailbox (Recipients > "
                + "Mailboxes > the shared mailbox > Delegation > Send As), or send from the mailbox itself; rights "
                + "can take an hour to apply."),
        new(r => r.Is("5.1.8") || r.Says("bad outbound sender"),
            DiagnosticCode.SendingBlocked,
            "Microsoft 365 has blocked this mailbox from sending, usually because it sent spam (often after a "
                + "break-in).",
            "A Microsoft 365 admin secures the account (new password, sign-ins checked), then releases it under "
                + "Restricted entities in the Microsoft Defender portal."),
        new(r => r.Is("5.7.705") || r.Says("tenant has exceeded threshold"),
            DiagnosticCode.SendingBlocked,
            "Microsoft 365 has blocked the whole tenant from sending, because too much of its mail was spam.",
            "A Microsoft 365 admin secures the tenant's accounts and asks Microsoft support to lift the block."),
        new(r => r.Is("5.7.750") || r.Says("unregistered domain"),
            DiagnosticCode.DomainNotAccepted,
            "Microsoft 365 refused the message because the sender's domain is not a verified domain of the tenant.",
            "A Microsoft 365 admin adds and verifies the domain (Settings > Domains), or send from an address of a "
                + "verified domain."),
        new(r => r.Says("SubmissionQuotaExceeded") || r.Is("5.4.5") || r.Says("Daily user sending limit",
            "daily sending quota"),
            DiagnosticCode.DailyLimitReached,
            "The mailbox has reached its daily sending limit (Microsoft 365: 10,000 recipients a day; Google "
                + "Workspace: 2,000 messages a day, consumer Gmail 500).",
            "Nothing is lost: the message waits and is retried; the limit resets within 24 hours. Spread the mail "
                + "over more mailboxes, or send bulk mail through a service made for it."),
        new(r => r.Is("5.7.233") || r.Says("external recipient rate limit"),
            DiagnosticCode.RateLimited,
            "Microsoft 365 is limiting mail to outside recipients for the whole tenant (its external recipient rate "
                + "limit for 24 hours).",
            "Nothing is lost: the message is retried. If it keeps happening, spread bulk mail over the day or send it "
                + "through a service made for it."),
        new(r => r.Is("4.3.2") && r.Says("thread limit"),
            DiagnosticCode.RateLimited,
            "Microsoft 365 allows only 3 sessions at once per mailbox, and this mailbox had more.",
            "Nothing is lost: the message is retried. Set this server's parallel sessions to 3 or fewer."),
        new(r => r.Is("5.7.60") || r.Says("not owned by user", "SendAsDenied", "not allowed to send as",
                "does not have permissions to send as", "must match your authenticated"),
            DiagnosticCode.SenderNotOwned,
            "The server refused the sender address because the account that signed in does not own it.",
            "Send from the account's own address, add the address to the server's 'Send as' list only if the mail provider allows it, or give this sender its own login (override credentials)."),
        new(r => r.Status == 530 && r.Says("STARTTLS"),
            DiagnosticCode.StartTlsRequired,
            "The server only accepts mail over an encrypted connection, but the connection was not encrypted.",
            "Set Security to STARTTLS (port 587) or SSL/TLS (port 465)."),
        new(r => r.Is("5.7.57") || r.Says("not logged in", "Authentication required", "Relay access denied", "authentication is required"),
            DiagnosticCode.AuthFailed,
            "The server only accepts mail from signed-in accounts, and this connection did not sign in.",
            "Choose an authentication method (usually PLAIN or LOGIN) and enter the account's username and password."),
        new(r => r.Status == 504 || r.Says("Unrecognized authentication type", "Unsupported authentication mechanism", "Invalid authentication mechanism"),
            DiagnosticCode.AuthMechanismNotOffered,
            "The server does not support the chosen authentication method.",
            "Choose one of the methods the server offers (shown in the EHLO stage of the test)."),
        new(r => r.Status == 535 || r.Is("5.7.8", "5.7.3") || r.Says("authentication failed", "Incorrect authentication data",
                "Username and Password not accepted", "Authentication unsuccessful"),
            DiagnosticCode.AuthFailed,
            "The server rejected the username or password.",
            "Check the username (often the full email address) and re-enter the password."),
        new(r => r.Is("5.7.23", "5.7.26", "5.7.509", "5.7.25") || r.Says("SPF", "DMARC", "Sender Policy Framework", "sender is unauthenticated"),
            DiagnosticCode.SpfDmarcFailed,
            "The receiving server rejected the message because the sender's domain does not authorize this server (SPF/DKIM/DMARC).",
            "Add this server to the domain's SPF record and set up DKIM signing, or send through the domain's own mail server."),
        new(r => r.Is("5.7.350", "5.7.708", "5.7.511") || (r.Status >= 500 && r.Says("spam", "unsolicited", "blocked using", "listed at", "Spamhaus")),
            DiagnosticCode.SpamRejected,
            "The server rejected the message as spam, or the sending server's address is on a block list.",
            "Check the message content and links, and whether the sending IP address is block-listed; ask the mail provider to review it."),
        new(r => r.Is("5.2.2", "4.2.2") || r.Says("over quota", "mailbox full", "mailbox is full"),
            DiagnosticCode.MailboxFull,
            "The recipient's mailbox is full.",
            "Nothing to change on your side: the recipient must make room. Reach them another way; repeated bounces "
                + "suppress the address."),
        new(r => r.Status == 552 || r.Is("5.3.4", "5.2.3") || r.Says("size exceeds", "message too large", "exceeded Google's message size"),
            DiagnosticCode.MessageTooLarge,
            "The message is larger than the server accepts.",
            "Send smaller attachments (or a link to them); the server's limit is shown in the test report as SIZE."),
        new(r => r.Is("5.1.1", "5.1.10", "5.1.0", "5.1.2") || r.Says("User unknown", "does not exist", "Recipient not found",
                "Unrouteable address", "no such user", "mailbox unavailable"),
            DiagnosticCode.RecipientRejected,
            "The recipient address does not exist or is not accepted by this server.",
            "Check the recipient's address for typos."),
        new(r => r.Is("4.7.28", "4.7.66", "4.3.2") || (r.Status is >= 400 and < 600 && r.Says("rate", "too many",
            "limit exceeded",
                "quota", "throttl", "exceeded the maximum")),
            DiagnosticCode.RateLimited,
            "The server is limiting how much mail this account may send right now.",
            "Wait and retry; if it keeps happening, lower this server's sending limits (messages per minute, connections)."),
        new(r => r.Status is >= 400 and < 500,
            DiagnosticCode.TemporaryFailure,
            "The server could not take the message right now (a temporary failure).",
            "No change is needed: the message can be retried later. If it persists, check the server's status."),
    ];

    /// <summary>The likely cause of a refusal no rule knows, by the subject of its enhanced status code (RFC 3463).</summary>
    private static readonly Dictionary<char, string> LikelyFixes = new()
    {
        ['1'] = "The server objects to an address: check the recipient's address, and that the sender's address is one this login may use.",
        ['2'] = "The recipient's mailbox cannot take mail (full, disabled or moved): try again later, or reach the recipient another way.",
        ['3'] = "The receiving mail system has a problem of its own: retry later; if it persists, tell the server's administrator.",
        ['4'] = "The message could not be routed on from that server: retry later; if it persists, tell the server's administrator.",
        ['5'] = "The server did not accept a command: run Test on the server and check its security and port.",
        ['6'] = "The server objects to the message's content or format: check the attachments and the text.",
        ['7'] = "The server's policy refused it (the sender, the login or the content): ask the mail provider's administrator, quoting this reply.",
    };

    /// <summary>
    /// Microsoft 365 stops a mailbox sending over SMTP AUTH for a while after many failures of one kind
    /// (learn.microsoft.com/exchange/mail-flow-best-practices/continuous-error-throttling-smtp-auth-submissions).
    /// </summary>
    private static Rule ContinuousErrors(string enhanced, string cause, string fix) => new(
        r => r.Is(enhanced) && r.Says("continuous"), DiagnosticCode.SenderThrottled,
        $"Microsoft 365 has stopped this mailbox sending over SMTP for a while, because its messages kept failing "
            + $"with {cause}.",
        $"{fix} Until the cause is fixed, sending again only prolongs the block.");

    public static Diagnostic Explain(int status, string text)
    {
        var reply = new Reply(status, EnhancedStatus(text), text);
        var rule = Rules.FirstOrDefault(r => r.Matches(reply));
        return rule is null ? Unrecognised(reply) : new Diagnostic(rule.Code, rule.Message, rule.Fix);
    }

    /// <summary>What the server said, and the most likely fix by its codes: never a bare "unknown".</summary>
    private static Diagnostic Unrecognised(Reply reply)
    {
        var said = reply.Text.Trim() is { Length: > 200 } lengthy ? lengthy[..200] + "…" : reply.Text.Trim();
        var fix = reply.Enhanced.Length > 2 && LikelyFixes.TryGetValue(reply.Enhanced[2], out var likely) ? likely
            : reply.Status == 554 ? "The server refused the whole transaction, usually by policy (the sender's reputation, the content or the sender address): ask the mail provider's administrator, quoting this reply."
            : "Ask the mail provider's administrator, quoting this reply; it names the cause.";
        return new Diagnostic(DiagnosticCode.Unknown, $"The server refused it, saying \"{reply.Status} {said}\", a reply MailRouting has no rule for.", fix);
    }

    /// <summary>Reads "5.7.1" from "5.7.1 &lt;x&gt;: Sender address rejected" or from "550 5.7.1 ...".</summary>
    internal static string EnhancedStatus(string text) =>
        EnhancedStatusPattern().Match(text) is { Success: true } match ? match.Groups[1].Value : "";

    [GeneratedRegex(@"^(?:\d{3}[ -])?([245]\.\d{1,3}\.\d{1,3})\b", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex EnhancedStatusPattern();
}
