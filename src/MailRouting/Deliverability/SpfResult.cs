namespace MailRouting.Deliverability;

/// <summary>The results of RFC 7208's check_host (§2.6).</summary>
public enum SpfResult
{
    None,
    Neutral,
    Pass,
    Fail,
    SoftFail,
    TempError,
    PermError,
}
