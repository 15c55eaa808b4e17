using MailKit.Security;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery;
using MailRouting.Servers;

namespace MailRouting.Tests.Outbox.Delivery;

public sealed class SmtpSendFailuresTests
{
    [Theory]
    [InlineData(451, "4.3.0 Temporary local problem", true)]
    [InlineData(554, "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Cannot submit message.",
        true)]
    [InlineData(550, "5.7.233 Your tenant exceeded its external recipient rate limit.", true)]
    [InlineData(550, "5.1.1 <nobody@acme.test>: Recipient address rejected: User unknown", false)]
    [InlineData(554, "5.2.252 SendAsDenied; agent@contoso.com not allowed to send as sales@contoso.com", false)]
    public void Refused_RetriesWhatOnlyMeansLater_AndNothingElse(int status, string text, bool retried)
    {
        var failure = SmtpSendFailures.Refused(status, text);

        Assert.Equal(retried, failure.Temporary);
        Assert.Equal($"{status} {text}", failure.Reply);
        Assert.NotEqual(DiagnosticCode.Unknown, failure.Diagnostic.Code);
    }

    [Fact]
    public void Xoauth2_RefusedWithSmtpAuthDisabled_IsTheTenantsSwitch_NotATokenToReplace()
    {
        var endpoint = new SmtpEndpoint("smtp.office365.com", 587, SmtpSecurity.StartTls, SmtpAuthMethod.OAuth2,
            "support@contoso.com", "token", null, null, 30);
        var message = new OutboxMessage
        {
            MessageId = "m@contoso.com", SenderId = "1", CreatedBy = "u", FromAddress = "support@contoso.com",
            EnvelopeFrom = "support@contoso.com", Subject = "", Mime = [],
        };

        var failure = SmtpSendFailures.Explain(new AuthenticationException("5.7.139 Authentication unsuccessful, "
            + "SmtpClientAuthentication is disabled for the Tenant."), endpoint, message);

        Assert.Equal(DiagnosticCode.BasicAuthDisabled, failure.Diagnostic.Code);
        Assert.True(failure is { Temporary: false, NeedsConfiguration: true });
    }
}
