using MailRouting.Connections;


namespace MailRouting.Tests.Connections;

public sealed class CertificateCheckTests
{
    [Theory]
    [InlineData("ab:cd:ef:01", "ABCDEF01")]
    [InlineData("ABCDEF01", "ABCDEF01")]
    [InlineData(" ab cd ", "ABCD")]
    public void Normalize_AcceptsOpensslAndPlainFormats(string fingerprint, string expected) =>
        Assert.Equal(expected, CertificateCheck.Normalize(fingerprint));
}
