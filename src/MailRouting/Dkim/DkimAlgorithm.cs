namespace MailRouting.Dkim;

/// <summary>
/// The kinds of DKIM key: RSA 2048 (every receiver checks it) and Ed25519 (RFC 8463, as a second signature).
/// </summary>
public enum DkimAlgorithm
{
    Rsa2048,
    Ed25519,
}
