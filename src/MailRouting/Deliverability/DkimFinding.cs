using MailRouting.Dkim;

namespace MailRouting.Deliverability;

/// <summary>
/// The DKIM key the server signs the mail with, and whether DNS has its record (so receivers can verify it).
/// </summary>
public sealed record DkimFinding(DkimKeySummary Key, DkimRecordState State)
{
    public bool Verifies => State == DkimRecordState.Published;
}
