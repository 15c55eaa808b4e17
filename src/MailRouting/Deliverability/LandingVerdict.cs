namespace MailRouting.Deliverability;

/// <summary>What receivers will most likely do with the mail, judged from SPF and DMARC before any is sent.</summary>
public enum LandingVerdict
{
    Accepted,
    Spam,
    Rejected,
    Unknown,
}
