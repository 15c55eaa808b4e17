using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// What the headers alone say: whether a message may be a bounce or an automatic answer, so only those are fetched
/// whole from a mailbox that also holds the customers' mail.
/// </summary>
public static class MailHeaders
{
    private static readonly string[] DaemonSenders = ["mailer-daemon", "postmaster", "mail delivery",
        "microsoftexchange"];

    private static readonly string[] BounceSubjects =
    [
        "undeliver", "delivery status notification", "returned mail", "failure notice", "mail delivery failed",
        "delivery failure", "delivery has failed", "delayed mail", "warning: message", "nicht zustellbar",
    ];

    private static readonly string[] AutoReplySubjects = ["automatic reply", "auto:", "out of office", "abwesenheit"];

    /// <summary>From a mailer daemon, with an empty Return-Path, a bounce's subject or Exim's
    /// X-Failed-Recipients.</summary>
    public static bool LookLikeBounce(HeaderList headers)
    {
        var from = headers[HeaderId.From] ?? "";
        var subject = headers[HeaderId.Subject] ?? "";
        return headers.Contains("X-Failed-Recipients")
            || (headers[HeaderId.ReturnPath]?.Trim() == "<>")
            || DaemonSenders.Any(d => from.Contains(d, StringComparison.OrdinalIgnoreCase))
            || BounceSubjects.Any(s => subject.Contains(s, StringComparison.OrdinalIgnoreCase))
            || IsReport(headers);
    }

    /// <summary>RFC 3834's Auto-Submitted (anything but "no"), the usual X- headers, or an out-of-office
    /// subject.</summary>
    public static bool LookLikeAutoReply(HeaderList headers)
    {
        var submitted = headers["Auto-Submitted"]?.Trim();
        var subject = headers[HeaderId.Subject] ?? "";
        return (submitted is { Length: > 0 } && !submitted.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            || headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond")
            || string.Equals(headers[HeaderId.Precedence]?.Trim(), "auto_reply", StringComparison.OrdinalIgnoreCase)
            || AutoReplySubjects.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    public static bool WorthReading(HeaderList headers) => LookLikeBounce(headers) || LookLikeAutoReply(headers);

    private static bool IsReport(HeaderList headers) =>
        headers[HeaderId.ContentType] is { } type && ContentType.TryParse(type, out var parsed)
            && parsed.IsMimeType("multipart", "report");
}
