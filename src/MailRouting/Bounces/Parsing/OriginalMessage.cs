using System.Text.RegularExpressions;
using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>Which message a bounce is about: the Message-ID of the copy or headers it quotes, or of what it
/// answers.</summary>
public static partial class OriginalMessage
{
    private static readonly string[] DeliveryHeaders = ["Delivered-To", "X-Original-To", "Envelope-To"];

    public static string? IdOf(MimeMessage bounce, string text)
    {
        // message/rfc822 and text/rfc822-headers are both message parts in MimeKit.
        if (bounce.BodyParts.OfType<MessagePart>().Select(p => p.Message?.MessageId)
            .FirstOrDefault(id => id is not null) is { } quoted)
        {
            return quoted;
        }

        if (QuotedId().Match(text) is { Success: true } inText)
        {
            return inText.Groups[1].Value;
        }

        return bounce.InReplyTo ?? bounce.References.LastOrDefault();
    }

    /// <summary>The addresses the bounce came to, where a VERP token may be.</summary>
    public static IReadOnlyList<string> DeliveredTo(MimeMessage bounce) =>
    [
        .. bounce.Headers.Where(h => DeliveryHeaders.Contains(h.Field, StringComparer.OrdinalIgnoreCase))
            .Select(h => h.Value.Trim().Trim('<', '>')),
        .. bounce.To.Mailboxes.Select(m => m.Address),
    ];

    [GeneratedRegex(@"^[ \t>]*Message-ID:\s*<([^<>\s]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex QuotedId();
}
