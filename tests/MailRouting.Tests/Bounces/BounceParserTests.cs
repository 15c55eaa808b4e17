using MailRouting.Bounces.Parsing;
using MimeKit;

namespace MailRouting.Tests.Bounces;

/// <summary>
/// The bounce corpus: each file written with the structure its mail system uses, read for its format, each
/// recipient's kind, status and reply, and the Message-ID of the message that bounced.
/// </summary>
public sealed class BounceParserTests
{
    public static TheoryData<string, BounceFormat, string, BounceKind, string, string, string?> Bounces => new()
    {
        { "postfix-user-unknown.eml", BounceFormat.DeliveryStatus, "jane.doe@customer.example", BounceKind.Hard,
            "5.1.1",
            "550 5.1.1 <jane.doe@customer.example>: Recipient address rejected: User unknown in virtual mailbox table",
            "MR1.4711.support@acme.test" },
        { "postfix-delayed.eml", BounceFormat.DeliveryStatus, "slow@customer.example", BounceKind.Delayed, "4.4.7",
            "delivery temporarily suspended", "MR2.invoice.support@acme.test" },
        { "m365-recipient-not-found.eml", BounceFormat.DeliveryStatus, "ghost@fabrikam.example", BounceKind.Hard,
            "5.1.10",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound", "MR3.quote.sales@acme.test" },
        { "gmail-no-such-user.eml", BounceFormat.DeliveryStatus, "nobody.here@gmail.com", BounceKind.Hard, "5.1.1",
            "550-5.1.1 The email account that you tried to reach does not exist.", "MR4.hello.agent@acme.test" },
        { "gmail-over-quota-text.eml", BounceFormat.Gmail, "full.box@gmail.com", BounceKind.Soft, "5.2.2",
            "552-5.2.2 The email account that you tried to reach is over quota.", "MR5.full.support@acme.test" },
        { "exim-user-unknown.eml", BounceFormat.Exim, "bob@exim-customer.example", BounceKind.Hard, "5.1.1",
            "550 5.1.1 <bob@exim-customer.example>: Recipient address rejected: User unknown",
            "MR6.order17.support@acme.test" },
        { "exim-delay.eml", BounceFormat.Exim, "carol@slow-customer.example", BounceKind.Delayed, "4.3.0",
            "451 4.3.0 Temporary lookup failure", "MR7.order18.support@acme.test" },
        { "exchange-text.eml", BounceFormat.Exchange, "old.employee@legacy.example", BounceKind.Hard, "5.1.1",
            "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "MR9.contract.support@acme.test" },
        { "postfix-text-spam.eml", BounceFormat.Postfix, "buyer@strict.example", BounceKind.Soft, "5.7.1",
            "554 5.7.1 Message rejected as spam", "MR10.spam.support@acme.test" },
    };

    [Theory]
    [MemberData(nameof(Bounces))]
    public void Read_BounceOfEachForm_GivesItsRecipientStatusAndOriginal(string file, BounceFormat format,
        string recipient,
        BounceKind kind, string status, string reply, string? originalId)
    {
        var mail = BounceParser.Read(Load(file));

        Assert.Equal(IncomingKind.Bounce, mail.Kind);
        var report = Assert.IsType<BounceReport>(mail.Report);
        Assert.Equal(format, report.Format);
        var bounced = Assert.Single(report.Recipients);
        Assert.Equal((recipient, kind, status), (bounced.Address, bounced.Kind, bounced.Status));
        Assert.Contains(reply, bounced.Reply);
        Assert.Equal(originalId, report.OriginalMessageId);
    }

    [Fact]
    public void Read_QmailWithTwoRecipients_TellsTheDeadAddressFromTheFullMailbox()
    {
        var report = BounceParser.Read(Load("qmail-two-recipients.eml")).Report!;

        Assert.Equal(BounceFormat.Qmail, report.Format);
        Assert.Equal(
            [
                ("nobody@qmail-customer.example", BounceKind.Hard, "5.1.1"),
                ("full@qmail-customer.example", BounceKind.Soft, "5.2.2"),
            ],
            report.Recipients.Select(r => (r.Address, r.Kind, r.Status)));
        Assert.Equal("552 5.2.2 Mailbox full", report.Recipients[1].Reply!.Split(" Giving up")[0]);
        Assert.Equal("MR8.offer.sales@acme.test", report.OriginalMessageId);
    }

    [Fact]
    public void Read_PostfixBounceToAVerpAddress_KeepsTheAddressItCameTo()
    {
        var report = BounceParser.Read(Load("postfix-user-unknown.eml")).Report!;

        Assert.Contains("support+0f8fad5bd9cb469fa16570867728950e@acme.test", report.DeliveredTo);
        Assert.Equal("mx.customer.example", report.Recipients[0].ReportedBy);
    }

    [Theory]
    [InlineData("auto-reply.eml", IncomingKind.AutoReply)]
    [InlineData("out-of-office-x-autoreply.eml", IncomingKind.AutoReply)]
    [InlineData("customer-answer.eml", IncomingKind.Other)]
    public void Read_AutomaticAnswersAndCustomersMail_AreNoBounces(string file, IncomingKind expected)
    {
        var mail = BounceParser.Read(Load(file));

        Assert.Equal(expected, mail.Kind);
        Assert.Null(mail.Report);
    }

    [Fact]
    public void Read_BounceInNoKnownForm_IsStillABounceWithoutRecipients()
    {
        var mail = BounceParser.Read(Load("unrecognised-bounce.eml"));

        Assert.Equal(IncomingKind.Bounce, mail.Kind);
        Assert.Equal(BounceFormat.Unrecognised, mail.Report!.Format);
        Assert.Empty(mail.Report.Recipients);
    }

    [Fact]
    public void Read_ReportOfADeliveryOnly_IsNoBounce()
    {
        var text = File.ReadAllText(Path("postfix-user-unknown.eml")).Replace("Action: failed", "Action: delivered")
            .Replace("Status: 5.1.1", "Status: 2.0.0");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(IncomingKind.Other, BounceParser.Read(MimeMessage.Load(stream)).Kind);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void WorthReading_EveryBounceAndAutoReplyOfTheCorpus_IsFetched(string file)
    {
        var message = Load(file);

        Assert.Equal(BounceParser.Read(message).Kind != IncomingKind.Other, MailHeaders.WorthReading(message.Headers));
    }

    public static TheoryData<string> Files =>
        [.. Directory.GetFiles(Path(""), "*.eml").Select(f => System.IO.Path.GetFileName(f))];

    private static MimeMessage Load(string file) => MimeMessage.Load(Path(file));

    private static string Path(string file) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Bounces", "Corpus", file);
}
