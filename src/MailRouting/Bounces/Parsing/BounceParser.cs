using System.Text.RegularExpressions;
using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// Tells bounces from automatic answers and other mail, and reads a bounce: the standard delivery status part first,
/// then the known mail systems' own texts. A message that looks like a bounce but reads as none of them is still a
/// bounce (<see cref="BounceFormat.Unrecognised"/>), so it is kept and listed rather than taken for a customer's mail.
/// </summary>
public static class BounceParser
{
    public static IncomingMail Read(MimeMessage message)
    {
        try
        {
            return Understood(message);
        }
        catch (RegexMatchTimeoutException)
        {
            // A text built to make the patterns run long must not stop the mailbox's reading: kept, unread.
            return MailHeaders.LookLikeBounce(message.Headers)
                ? new IncomingMail(IncomingKind.Bounce, new BounceReport(BounceFormat.Unrecognised, [], null,
                    OriginalMessage.DeliveredTo(message)))
                : IncomingMail.Other;
        }
    }

    private static IncomingMail Understood(MimeMessage message)
    {
        var text = BounceText.Of(message);
        var standard = DeliveryStatusReader.Read(message);
        var (format, recipients) = standard is { Count: > 0 }
            ? (BounceFormat.DeliveryStatus, standard)
            : FromText(text, message.Headers);
        if (standard is { Count: 0 })
        {
            // A report that every recipient was delivered or relayed: nothing bounced.
            return IncomingMail.Other;
        }

        if (recipients.Count == 0)
        {
            if (MailHeaders.LookLikeAutoReply(message.Headers) && !MailHeaders.LookLikeBounce(message.Headers))
            {
                return IncomingMail.AutoReply;
            }

            if (!MailHeaders.LookLikeBounce(message.Headers))
            {
                return IncomingMail.Other;
            }
        }

        return new IncomingMail(IncomingKind.Bounce, new BounceReport(format, recipients,
            OriginalMessage.IdOf(message, text), OriginalMessage.DeliveredTo(message)));
    }

    private static (BounceFormat Format, IReadOnlyList<BouncedRecipient> Recipients) FromText(string text,
        HeaderList headers)
    {
        var readers = new (BounceFormat Format, Func<IReadOnlyList<BouncedRecipient>?> Read)[]
        {
            (BounceFormat.Qmail, () => QmailBounces.Read(text)),
            (BounceFormat.Postfix, () => PostfixBounces.Read(text)),
            (BounceFormat.Exim, () => EximBounces.Read(text, headers)),
            (BounceFormat.Exchange, () => ExchangeBounces.Read(text)),
            (BounceFormat.Gmail, () => GmailBounces.Read(text)),
        };
        foreach (var (format, read) in readers)
        {
            if (read() is { Count: > 0 } recipients)
            {
                return (format, recipients);
            }
        }

        return (BounceFormat.Unrecognised, []);
    }
}
