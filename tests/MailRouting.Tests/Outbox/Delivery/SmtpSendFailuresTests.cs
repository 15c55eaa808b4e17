using MailRouting.Diagnostics;
using MailRouting.Outbox.Delivery;

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
}
