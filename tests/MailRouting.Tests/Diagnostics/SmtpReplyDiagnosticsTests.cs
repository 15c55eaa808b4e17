using MailRouting.Diagnostics;

namespace MailRouting.Tests.Diagnostics;

/// <summary>Real reply texts of Postfix, Exchange/Microsoft 365, Gmail and Exim, as MailKit hands them over (status code removed).</summary>
public sealed class SmtpReplyDiagnosticsTests
{
    [Theory]
    // Postfix + Dovecot SASL
    [InlineData(535, "5.7.8 Error: authentication failed: authentication failure", DiagnosticCode.AuthFailed)]
    [InlineData(535, "5.7.8 Error: authentication failed: UGFzc3dvcmQ6", DiagnosticCode.AuthFailed)]
    [InlineData(553, "5.7.1 <sales@acme.test>: Sender address rejected: not owned by user agent@acme.test", DiagnosticCode.SenderNotOwned)]
    [InlineData(553, "5.7.1 <noreply@acme.test>: Sender address rejected: not logged in", DiagnosticCode.AuthFailed)]
    [InlineData(530, "5.7.0 Must issue a STARTTLS command first", DiagnosticCode.StartTlsRequired)]
    [InlineData(554, "5.7.1 <x@example.org>: Relay access denied", DiagnosticCode.AuthFailed)]
    [InlineData(552, "5.3.4 Message size exceeds fixed limit", DiagnosticCode.MessageTooLarge)]
    [InlineData(550, "5.1.1 <nobody@acme.test>: Recipient address rejected: User unknown in virtual mailbox table", DiagnosticCode.RecipientRejected)]
    [InlineData(421, "4.7.0 mta.example.com Error: too many connections from 192.0.2.1", DiagnosticCode.RateLimited)]
    [InlineData(450, "4.7.1 <x@acme.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/", DiagnosticCode.TemporaryFailure)]
    [InlineData(452, "4.3.1 Insufficient system storage", DiagnosticCode.TemporaryFailure)]
    [InlineData(550, "5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", DiagnosticCode.SpamRejected)]
    [InlineData(550, "5.7.23 <x@acme.test>: Recipient address rejected: Message rejected due to: SPF fail - not authorized.", DiagnosticCode.SpfDmarcFailed)]
    [InlineData(504, "5.5.4 Unrecognized authentication type", DiagnosticCode.AuthMechanismNotOffered)]
    // Microsoft 365 / Exchange
    [InlineData(535, "5.7.3 Authentication unsuccessful [SN4PR0601CA0002.namprd06.prod.outlook.com]", DiagnosticCode.AuthFailed)]
    [InlineData(535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.", DiagnosticCode.BasicAuthDisabled)]
    [InlineData(535, "5.7.139 Authentication unsuccessful, basic authentication is disabled.", DiagnosticCode.BasicAuthDisabled)]
    [InlineData(550, "5.7.60 SMTP; Client does not have permissions to send as this sender", DiagnosticCode.SenderNotOwned)]
    [InlineData(554, "5.2.252 SendAsDenied; agent@contoso.com not allowed to send as sales@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied", DiagnosticCode.SenderNotOwned)]
    [InlineData(530, "5.7.57 Client not authenticated to send mail. [AM0PR10CA0032.EURPRD10.PROD.OUTLOOK.COM]", DiagnosticCode.AuthFailed)]
    [InlineData(550, "5.7.350 Remote server returned message detected as spam -> 554 5.7.1 The message from (<x@acme.test>) with the subject of (hello) matches a profile the Internet community may consider spam.", DiagnosticCode.SpamRejected)]
    [InlineData(550, "5.7.509 Access denied, sending domain acme.test does not pass DMARC verification and has a DMARC policy of reject.", DiagnosticCode.SpfDmarcFailed)]
    [InlineData(432, "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded", DiagnosticCode.RateLimited)]
    [InlineData(554, "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message "
        + "due to a permanent exception with message Cannot submit message.", DiagnosticCode.DailyLimitReached)]
    [InlineData(550, "5.1.8 Access denied, bad outbound sender. AS(42004)", DiagnosticCode.SendingBlocked)]
    [InlineData(550, "5.7.705 Access denied, tenant has exceeded threshold.", DiagnosticCode.SendingBlocked)]
    [InlineData(550, "5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
        DiagnosticCode.DomainNotAccepted)]
    [InlineData(550, "5.7.233 Your message can't be sent because your tenant exceeded its external recipient rate "
        + "limit.",
        DiagnosticCode.RateLimited)]
    [InlineData(550, "5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient nobody@contoso.com not found by SMTP address lookup", DiagnosticCode.RecipientRejected)]
    [InlineData(552, "5.3.4 Message size exceeds fixed maximum message size", DiagnosticCode.MessageTooLarge)]
    // Gmail (multi-line replies arrive joined with newlines)
    [InlineData(535, "5.7.8 Username and Password not accepted. For more information, go to\n5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a.1 - gsmtp", DiagnosticCode.AuthFailed)]
    [InlineData(534, "5.7.9 Application-specific password required. Learn more at\n5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor a1-20020a.1 - gsmtp", DiagnosticCode.AppPasswordRequired)]
    [InlineData(550, "5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.", DiagnosticCode.SpfDmarcFailed)]
    [InlineData(550, "5.7.26 Unauthenticated email from acme.test is not accepted due to domain's DMARC policy.", DiagnosticCode.SpfDmarcFailed)]
    [InlineData(550, "5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.", DiagnosticCode.SpamRejected)]
    [InlineData(552, "5.2.3 Your message exceeded Google's message size limits.", DiagnosticCode.MessageTooLarge)]
    [InlineData(552, "5.2.2 The email account that you tried to reach is over quota.", DiagnosticCode.MailboxFull)]
    [InlineData(452, "4.2.2 Mailbox full", DiagnosticCode.MailboxFull)]
    [InlineData(550, "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos.", DiagnosticCode.RecipientRejected)]
    [InlineData(421, "4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address.", DiagnosticCode.RateLimited)]
    [InlineData(550, "5.4.5 Daily user sending limit exceeded.", DiagnosticCode.DailyLimitReached)]
    [InlineData(454, "4.7.0 Too many login attempts, please try again later.", DiagnosticCode.RateLimited)]
    [InlineData(530, "5.7.0 Must issue a STARTTLS command first. a1-20020a.1 - gsmtp", DiagnosticCode.StartTlsRequired)]
    [InlineData(421, "4.7.0 Try again later, closing connection. (EHLO) a1-20020a.1 - gsmtp", DiagnosticCode.TemporaryFailure)]
    // Exim (cPanel)
    [InlineData(535, "Incorrect authentication data", DiagnosticCode.AuthFailed)]
    [InlineData(550, "Your FROM address ( sales@acme.test ) must match your authenticated email user ( agent@acme.test ). Treating this as a spoofed email.", DiagnosticCode.SenderNotOwned)]
    [InlineData(550, "Unrouteable address", DiagnosticCode.RecipientRejected)]
    [InlineData(451, "Temporary local problem - please try later", DiagnosticCode.TemporaryFailure)]
    [InlineData(550, "Something nobody has seen before", DiagnosticCode.Unknown)]
    public void Explain_RealReplyText_MapsToCode(int status, string text, DiagnosticCode expected)
    {
        var diagnostic = SmtpReplyDiagnostics.Explain(status, text);

        Assert.Equal(expected, diagnostic.Code);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Fix));
    }

    [Theory]
    [InlineData(554, "5.7.1 Rejected by local policy", "policy refused it")]
    [InlineData(550, "5.2.0 Mailbox disabled for now", "mailbox cannot take mail")]
    [InlineData(554, "Transaction failed", "refused the whole transaction")]
    [InlineData(550, "Something nobody has seen before", "administrator, quoting this reply")]
    public void Explain_AReplyNoRuleKnows_SaysWhatTheServerSaid_AndTheLikelyFix(int status, string text, string fix)
    {
        var diagnostic = SmtpReplyDiagnostics.Explain(status, text);

        Assert.Equal(DiagnosticCode.Unknown, diagnostic.Code);
        Assert.Contains($"\"{status} {text}\"", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(fix, diagnostic.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.7.1 <x>: Sender address rejected", "5.7.1")]
    [InlineData("550 5.7.139 Authentication unsuccessful", "5.7.139")]
    [InlineData("Incorrect authentication data", "")]
    public void EnhancedStatus_ReadsTheCodeAtTheStart(string text, string expected) =>
        Assert.Equal(expected, SmtpReplyDiagnostics.EnhancedStatus(text));

    [Fact]
    public void Explain_AuthRequired_SaysToChooseAnAuthMethod()
    {
        var diagnostic = SmtpReplyDiagnostics.Explain(553, "5.7.1 <noreply@acme.test>: Sender address rejected: not logged in");

        Assert.Contains("did not sign in", diagnostic.Message);
        Assert.Contains("authentication method", diagnostic.Fix);
    }

    [Theory]
    [InlineData(550, "5.7.30 Basic authentication is not supported for Client Submission.", DiagnosticCode.BasicAuthNotSupported, "OAuth2 with Microsoft 365")]
    [InlineData(535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", DiagnosticCode.BasicAuthDisabled, "Authenticated SMTP")]
    [InlineData(554, "5.2.252 SendAsDenied; agent@contoso.com not allowed to send as sales@contoso.com",
        DiagnosticCode.SenderNotOwned, "Send As on that mailbox")]
    [InlineData(432, "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded", DiagnosticCode.RateLimited,
        "parallel sessions to 3")]
    [InlineData(550, "5.4.5 Daily user sending limit exceeded.", DiagnosticCode.DailyLimitReached, "resets within 24 "
        + "hours")]
    [InlineData(550, "5.2.251 Sender throttled due to continuous mailbox full errors.", DiagnosticCode.SenderThrottled,
        "Free space in the sending mailbox")]
    [InlineData(550, "5.2.252 Sender throttled due to continuous send as denied errors.",
        DiagnosticCode.SenderThrottled, "Send As on the From address")]
    [InlineData(550, "5.2.253 Sender throttled due to continuous invalid license errors.",
        DiagnosticCode.SenderThrottled, "licence that includes Exchange Online")]
    [InlineData(550, "5.2.254 Sender throttled due to continuous too many recipients errors.",
        DiagnosticCode.SenderThrottled, "at most 500 recipients")]
    [InlineData(550, "5.2.255 Sender throttled due to continuous invalid recipients errors.",
        DiagnosticCode.SenderThrottled, "prolongs the block")]
    public void Explain_MicrosoftSmtpAuthTurnedOff_NamesWhatToChange(int status, string text, DiagnosticCode code, string fix)
    {
        var diagnostic = SmtpReplyDiagnostics.Explain(status, text);

        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(fix, diagnostic.Fix);
    }

    [Fact]
    public void EveryCode_HasAFixedName()
    {
        string[] required = ["AuthFailed", "SenderNotOwned", "SpamRejected", "SpfDmarcFailed", "StartTlsRequired",
            "AuthMechanismNotOffered", "AuthNotSupported", "TlsHandshakeFailed", "CertificateInvalid", "ConnectionRefused",
            "ConnectionTimedOut", "DnsFailure", "RateLimited", "TemporaryFailure", "MessageTooLarge", "RecipientRejected",
            "BasicAuthDisabled", "AppPasswordRequired", "ProtocolMismatch", "Unknown", "BasicAuthNotSupported", "OAuthNotConnected",
            "OAuthReconnectNeeded", "OAuthTokenRejected", "OAuthAppRejected", "OAuthProviderUnavailable", "ConnectionClosed", "NoGreeting",
            "FolderRefused", "SendingBlocked", "DomainNotAccepted", "DailyLimitReached", "SenderThrottled",
            "MailboxFull"];

        Assert.Equal(required.Order(), Enum.GetNames<DiagnosticCode>().Order());
    }
}
