namespace MailRouting.Dkim;

/// <summary>A key as pages and the API show it: everything but the private key, with the record to publish.</summary>
/// <param name="Dns">What DNS has at the record's name, where it was looked up.</param>
public sealed record DkimKeySummary(int Id, string Domain, string Selector, DkimAlgorithm Algorithm, bool IsActive,
    DateTime CreatedAt, string RecordName, string RecordValue, DkimRecordState? Dns = null)
{
    public static DkimKeySummary Of(DkimKey key) => new(key.Id, key.Domain, key.Selector, key.Algorithm, key.IsActive,
        key.CreatedAt, key.RecordName, key.RecordValue);
}
