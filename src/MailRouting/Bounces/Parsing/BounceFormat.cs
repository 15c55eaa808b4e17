namespace MailRouting.Bounces.Parsing;

/// <summary>How a bounce was written: a standard delivery status notification, or a known mail system's own
/// text.</summary>
public enum BounceFormat
{
    /// <summary>RFC 3464: a multipart/report with a message/delivery-status part (Postfix, Microsoft 365, Gmail,
    /// Exim).</summary>
    DeliveryStatus,
    Exchange,
    Gmail,
    Postfix,
    Exim,
    Qmail,

    /// <summary>Looks like a bounce (from a mailer daemon, a bounce subject) but no known form could be read.</summary>
    Unrecognised,
}
