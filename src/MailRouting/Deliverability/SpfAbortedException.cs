namespace MailRouting.Deliverability;

/// <summary>
/// Ends an SPF evaluation at any depth: a permerror (the record is broken) or a temperror (DNS did not answer).
/// </summary>
public sealed class SpfAbortedException(SpfResult result, string reason) : Exception(reason)
{
    public SpfResult Result { get; } = result;

    public static SpfAbortedException Broken(string reason) => new(SpfResult.PermError, reason);
}
