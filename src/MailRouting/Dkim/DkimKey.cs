namespace MailRouting.Dkim;

/// <summary>
/// A DKIM key of a sender domain. The private key is stored encrypted like a password and never shown; the public key
/// is what the DNS record publishes. Of each algorithm, one key per domain is active: it signs the domain's mail.
/// </summary>
public sealed class DkimKey
{
    public int Id { get; set; }

    /// <summary>Lower case, without a trailing dot.</summary>
    public required string Domain { get; set; }

    public required string Selector { get; set; }

    public DkimAlgorithm Algorithm { get; set; }

    /// <summary>The PKCS#8 private key, base64, encrypted by the secret protector.</summary>
    public required string ProtectedPrivateKey { get; set; }

    /// <summary>
    /// The record's p= value: the SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519, base64.
    /// </summary>
    public required string PublicKey { get; set; }

    public bool IsActive { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Where the record is published: "selector._domainkey.domain".</summary>
    public string RecordName => $"{Selector}._domainkey.{Domain}";

    /// <summary>The TXT record's text, exactly as it must be published.</summary>
    public string RecordValue => $"v=DKIM1; k={(Algorithm == DkimAlgorithm.Ed25519 ? "ed25519" : "rsa")}; "
        + $"p={PublicKey}";
}
