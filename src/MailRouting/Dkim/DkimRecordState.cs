namespace MailRouting.Dkim;

/// <summary>What DNS has at a key's record name.</summary>
public enum DkimRecordState
{
    /// <summary>The record is there with this key: receivers can verify the signatures.</summary>
    Published,

    /// <summary>No DKIM record at that name: signatures fail until it is published.</summary>
    Missing,

    /// <summary>A DKIM record with another key: signatures fail until it is replaced.</summary>
    Different,

    /// <summary>DNS did not answer.</summary>
    Unknown,
}
