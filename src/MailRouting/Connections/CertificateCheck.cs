using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailRouting.Connections;

/// <summary>
/// Strict certificate validation with one escape hatch: a certificate whose SHA-256 fingerprint the admin
/// pinned for this server is accepted even if it is self-signed. There is no "accept any certificate".
/// </summary>
public sealed class CertificateCheck(string? pinnedSha256)
{
    public sealed record Seen(string Subject, string Issuer, DateTime NotBefore, DateTime NotAfter, string Sha256, string Problems, bool Valid, bool Pinned)
    {
        public bool Accepted => Valid || Pinned;
    }

    public Seen? Certificate { get; private set; }

    public TimeSpan? ValidatedAt { get; private set; }

    public Func<TimeSpan>? Clock { get; init; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ValidatedAt = Clock?.Invoke();
        if (certificate is null)
        {
            return false;
        }

        // A copy the check owns: the dates and names of the certificate shown to the admin who may trust it.
        using var full = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var sha256 = Convert.ToHexString(full.GetCertHash(HashAlgorithmName.SHA256));
        var pinned = !string.IsNullOrEmpty(pinnedSha256) && string.Equals(Normalize(pinnedSha256), sha256, StringComparison.OrdinalIgnoreCase);
        var problems = errors == SslPolicyErrors.None ? "none" : string.Join("; ", Describe(errors, chain));
        Certificate = new Seen(full.Subject, full.Issuer, full.NotBefore.ToUniversalTime(), full.NotAfter.ToUniversalTime(), sha256, problems, errors == SslPolicyErrors.None, pinned);
        return Certificate.Accepted;
    }

    /// <summary>Accepts "AB:CD:..." as well as "abcd..." so a fingerprint copied from openssl works.</summary>
    public static string Normalize(string fingerprint) =>
        new string(fingerprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();

    private static IEnumerable<string> Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status) ?? [];
            yield return statuses.Any(s => s == X509ChainStatusFlags.NotTimeValid)
                ? "it has expired or is not yet valid"
                : "it is not signed by a trusted authority (self-signed or unknown issuer)";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            yield return "it was issued for a different host name";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            yield return "the server sent no certificate";
        }
    }
}
