using System.Text.RegularExpressions;
using MailRouting.Outbox.Intake;
using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>The readable text of a bounce, and the small text tools every format's reader uses.</summary>
public static partial class BounceText
{
    /// <summary>The text part, or the HTML part's words when there is only HTML (some Microsoft 365 reports).</summary>
    public static string Of(MimeMessage message) =>
        message.TextBody ?? (message.HtmlBody is { } html ? HtmlPlainText.Of(html) : "");

    /// <summary>Runs of spaces and line breaks (folded header lines, wrapped replies) as one space, trimmed.</summary>
    public static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The bounced recipient with its status read from the reply: a failure, or a delay when it says
    /// so.</summary>
    public static BouncedRecipient Recipient(string address, string? reply, bool delayed, string? reportedBy)
    {
        var said = reply is null ? null : Collapse(reply);
        var status = BounceStatus.FromReply(said, permanent: !delayed);
        var kind = delayed ? BounceKind.Delayed : BounceStatus.Classify(status, null) ?? BounceKind.Unknown;
        return new BouncedRecipient(address.Trim('<', '>', '.', ',', ' '), kind, status, said, reportedBy);
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Whitespace();
}
