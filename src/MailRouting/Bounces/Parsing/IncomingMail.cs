namespace MailRouting.Bounces.Parsing;

/// <summary>What a message in a bounce mailbox is; a bounce comes with what it reports.</summary>
public sealed record IncomingMail(IncomingKind Kind, BounceReport? Report)
{
    public static readonly IncomingMail AutoReply = new(IncomingKind.AutoReply, null);
    public static readonly IncomingMail Other = new(IncomingKind.Other, null);
}
