namespace MailRouting.Connections;

/// <summary>A send's TLS handshake failed because the server showed a certificate that is neither valid nor pinned.</summary>
public sealed class UntrustedCertificateException(CertificateCheck.Seen certificate, Exception inner)
    : Exception($"The server's certificate is not trusted: {certificate.Problems}.", inner)
{
    public CertificateCheck.Seen Certificate => certificate;
}
