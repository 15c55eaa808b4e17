using MailRouting.Bounces.Parsing;

namespace MailRouting.Bounces;

/// <param name="Summary">"Bounced (hard): 550 5.1.1 … User unknown at mx.example.com".</param>
/// <param name="Meaning">What the reply means, from the diagnostics catalog.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="MessageId">The sent message it is about; null when unmatched.</param>
/// <param name="Folder">Where the bounce itself is kept in the mailbox.</param>
public sealed record BounceView(long Id, DateTime ReceivedAt, int ChannelId, string Recipient, BounceKind Kind,
    string Status, string? Reply, string? ReportedBy, BounceFormat Format, Guid? MessageId, BounceMatch MatchedBy,
    string Subject, string From,
    string Folder, string Summary, string Meaning, string Fix)
{
    public static BounceView Of(Bounce b)
    {
        var meaning = BounceWording.Meaning(b);
        return new(b.Id, b.ReceivedAt, b.ChannelId, b.Recipient, b.Kind, b.Status, b.Reply, b.ReportedBy, b.Format,
            b.OutboxMessageId, b.MatchedBy, b.Subject, b.From, b.Folder, BounceWording.Summary(b),
            meaning.Message, meaning.Fix);
    }
}
