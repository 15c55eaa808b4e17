using System.Text;
using MailKit;
using MailRouting.Connections;

namespace MailRouting.Tests.Connections;

public sealed class RedactingProtocolLoggerTests
{
    private sealed class FixedDetector(int start, int length) : IAuthenticationSecretDetector
    {
        public IList<AuthenticationSecret> DetectSecrets(byte[] buffer, int offset, int count) => [new AuthenticationSecret(offset + start, length)];
    }

    [Fact]
    public void LogClient_SecretRangeFromMailKit_IsReplaced()
    {
        var logger = new RedactingProtocolLogger { AuthenticationSecretDetector = new FixedDetector(11, 12) };
        var line = Encoding.ASCII.GetBytes("xxAUTH PLAIN AGFnZW50AHB3\r\n");

        logger.LogClient(line, 2, line.Length - 2);

        Assert.Equal("C: AUTH PLAIN ********", logger.Transcript());
    }

    [Fact]
    public void LogClient_KnownPasswordInPlainOrBase64_IsReplaced()
    {
        var logger = new RedactingProtocolLogger("hunter2");
        var plain = Encoding.ASCII.GetBytes("hunter2\r\n");
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2")) + "\r\n");

        logger.LogClient(plain, 0, plain.Length);
        logger.LogClient(base64, 0, base64.Length);

        Assert.DoesNotContain("hunter2", logger.Transcript());
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2")), logger.Transcript());
        Assert.Equal(2, logger.Lines.Count);
    }

    [Fact]
    public void LogServer_KeepsEachLineWithItsDirection()
    {
        var logger = new RedactingProtocolLogger();
        var reply = Encoding.ASCII.GetBytes("250-mta.test\r\n250 PIPELINING\r\n");

        logger.LogServer(reply, 0, reply.Length);

        Assert.Equal("S: 250-mta.test\nS: 250 PIPELINING", logger.Transcript());
    }
}
