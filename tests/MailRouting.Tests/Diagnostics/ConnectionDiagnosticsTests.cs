using System.Net.Sockets;
using MailRouting.Diagnostics;
using MailRouting.Servers;

namespace MailRouting.Tests.Diagnostics;

public sealed class ConnectionDiagnosticsTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, DiagnosticCode.ConnectionRefused)]
    [InlineData(SocketError.TimedOut, DiagnosticCode.ConnectionTimedOut)]
    [InlineData(SocketError.HostUnreachable, DiagnosticCode.ConnectionTimedOut)]
    [InlineData(SocketError.HostNotFound, DiagnosticCode.DnsFailure)]
    [InlineData(SocketError.TryAgain, DiagnosticCode.DnsFailure)]
    [InlineData(SocketError.AccessDenied, DiagnosticCode.Unknown)]
    public void FromSocket_MapsTheSocketError(SocketError error, DiagnosticCode expected) =>
        Assert.Equal(expected, ConnectionDiagnostics.FromSocket(new SocketException((int)error), "smtp.acme.test", 587, 20).Code);

    [Fact]
    public void WrongSecurity_SaysWhichSettingToChoose()
    {
        var sslOnStartTlsPort = ConnectionDiagnostics.ImplicitTlsOnPlainPort(587);
        var startTlsOnSslPort = ConnectionDiagnostics.PlainOnImplicitTlsPort(465, SmtpSecurity.StartTls);

        Assert.Equal(DiagnosticCode.TlsHandshakeFailed, sslOnStartTlsPort.Code);
        Assert.Contains("expects STARTTLS", sslOnStartTlsPort.Message);
        Assert.Contains("Set Security to STARTTLS", sslOnStartTlsPort.Fix);
        Assert.Equal(DiagnosticCode.TlsHandshakeFailed, startTlsOnSslPort.Code);
        Assert.Contains("expects SSL/TLS", startTlsOnSslPort.Message);
        Assert.Contains("Set Security to SSL/TLS", startTlsOnSslPort.Fix);
    }

    [Theory]
    [InlineData("Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'.", "share no TLS version or cipher")]
    [InlineData("Cannot determine the frame size or a corrupted frame was received.", "did not answer in TLS")]
    [InlineData("Something .NET says.", "did not complete")]
    public void TlsHandshakeFailed_SaysWhatHappenedInWords_NeverDotNetsText(string dotNetText, string expected)
    {
        var diagnostic = ConnectionDiagnostics.TlsHandshakeFailed(new MailKit.Security.SslHandshakeException("MailKit's words.",
            new System.Security.Authentication.AuthenticationException(dotNetText)));

        Assert.Contains(expected, diagnostic.Message);
        Assert.DoesNotContain(dotNetText, diagnostic.Message);
        Assert.DoesNotContain("MailKit's words", diagnostic.Message);
    }

    [Fact]
    public void CertificateInvalid_OffersTheFingerprintToPin()
    {
        var diagnostic = ConnectionDiagnostics.CertificateInvalid("self-signed", "AB12");

        Assert.Equal(DiagnosticCode.CertificateInvalid, diagnostic.Code);
        Assert.Contains("AB12", diagnostic.Fix);
    }
}
