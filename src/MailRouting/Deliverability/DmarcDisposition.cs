namespace MailRouting.Deliverability;

/// <summary>What a domain asks receivers to do with mail that fails DMARC (its p= or sp= tag).</summary>
public enum DmarcDisposition
{
    None,
    Quarantine,
    Reject,
}
