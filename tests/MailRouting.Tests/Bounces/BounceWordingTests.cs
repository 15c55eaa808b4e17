using MailRouting.Bounces;
using MailRouting.Bounces.Parsing;
using MailRouting.Diagnostics;

namespace MailRouting.Tests.Bounces;

public sealed class BounceWordingTests
{
    private static Bounce Bounced(BounceKind kind, string status, string? reply, string? reportedBy = null) => new()
    {
        Recipient = "jane@customer.example", Kind = kind, Status = status, Reply = reply, ReportedBy = reportedBy,
        Subject = "Undelivered Mail", From = "MAILER-DAEMON@mx.acme.test", Folder = "Bounces",
    };

    [Fact]
    public void Summary_HardBounceWithReply_SaysKindReplyAndWhere()
    {
        var bounce = Bounced(BounceKind.Hard, "5.1.1", "550 5.1.1 <jane@customer.example>: User unknown",
            "mx.customer.example");

        Assert.Equal("Bounced (hard): 550 5.1.1 <jane@customer.example>: User unknown at mx.customer.example",
            BounceWording.Summary(bounce));
        Assert.Equal(DiagnosticCode.RecipientRejected, BounceWording.Meaning(bounce).Code);
    }

    [Fact]
    public void Summary_DelayWithoutCodeInTheReply_NamesTheStatus()
    {
        var bounce = Bounced(BounceKind.Delayed, "4.4.7", "delivery temporarily suspended: connection timed out");

        Assert.Equal("Delayed (soft): 4.4.7 delivery temporarily suspended: connection timed out",
            BounceWording.Summary(bounce));
        Assert.Equal(DiagnosticCode.TemporaryFailure, BounceWording.Meaning(bounce).Code);
    }

    [Fact]
    public void Meaning_FullMailbox_IsTheCatalogsExplanation()
    {
        var bounce = Bounced(BounceKind.Soft, "5.2.2",
            "552-5.2.2 The email account that you tried to reach is over quota.");

        Assert.Equal(DiagnosticCode.MailboxFull, BounceWording.Meaning(bounce).Code);
    }
}
