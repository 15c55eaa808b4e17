using System.Net;
using System.Net.Sockets;
using MailRouting.Connections;
using MailRouting.ConnectionTests;
using MailRouting.Diagnostics;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailRouting.IntegrationTests.ConnectionTests;

[Collection(MtaGroup.Name)]
public sealed class SmtpConnectionTesterTests(MtaFixture mta)
{
    private readonly SmtpConnectionTester tester = new(NullLogger<SmtpConnectionTester>.Instance);

    private SmtpEndpoint Endpoint(SmtpSecurity security, SmtpAuthMethod auth, (string Login, string Password) account, int? port = null, bool pin = true, int timeout = 20) =>
        new(MtaFixture.Host, port ?? (security == SmtpSecurity.SslOnConnect ? mta.SmtpsPort : mta.SubmissionPort), security, auth,
            auth == SmtpAuthMethod.None ? null : account.Login, auth == SmtpAuthMethod.None ? null : account.Password,
            "crm.acme.test", pin ? mta.CertificateSha256 : null, timeout);

    private static TestMessage MessageFrom(string sender, string recipient) =>
        new(recipient, sender, "MailRouting test", sender, null, "the test MTA");

    [Theory]
    [InlineData(SmtpSecurity.None, SmtpAuthMethod.Plain)]
    [InlineData(SmtpSecurity.None, SmtpAuthMethod.Login)]
    [InlineData(SmtpSecurity.None, SmtpAuthMethod.CramMd5)]
    [InlineData(SmtpSecurity.StartTls, SmtpAuthMethod.Plain)]
    [InlineData(SmtpSecurity.StartTls, SmtpAuthMethod.Login)]
    [InlineData(SmtpSecurity.StartTls, SmtpAuthMethod.CramMd5)]
    [InlineData(SmtpSecurity.SslOnConnect, SmtpAuthMethod.Plain)]
    [InlineData(SmtpSecurity.SslOnConnect, SmtpAuthMethod.Login)]
    [InlineData(SmtpSecurity.SslOnConnect, SmtpAuthMethod.CramMd5)]
    public async Task Test_EveryAuthMethodAndSecurityMode_Succeeds(SmtpSecurity security, SmtpAuthMethod auth)
    {
        var report = await tester.TestAsync(Endpoint(security, auth, MtaFixture.Agent), null, CancellationToken.None);

        Assert.True(report.Success, report.Diagnostic?.Message + "\n" + report.Transcript);
        var stageNames = report.Stages.Select(s => s.Name).ToList();
        Assert.Equal(security == SmtpSecurity.None ? ["dns", "connect", "ehlo", "auth"] : ["dns", "connect", "tls", "ehlo", "auth"], stageNames);
        Assert.All(report.Stages, s => Assert.True(s.Ok));
        Assert.Contains("AUTH", report.Stages.Single(s => s.Name == "ehlo").Detail);
        Assert.Contains("SIZE 10240000", report.Stages.Single(s => s.Name == "ehlo").Detail);
        Assert.Equal(10240000, report.MaxMessageSize);
        Assert.Contains(auth.ToSaslName(), report.Stages.Single(s => s.Name == "auth").Detail);
        Assert.DoesNotContain(MtaFixture.Agent.Password, report.Transcript);
        if (security != SmtpSecurity.None)
        {
            var tls = report.Stages.Single(s => s.Name == "tls").Detail;
            Assert.Contains("Tls", tls);
            Assert.Contains("CN=localhost", tls);
            Assert.Contains("pinned", tls);
            Assert.Equal(mta.CertificateSha256, report.CertificateSha256);
        }
    }

    [Fact]
    public async Task Test_AuthPayload_IsRedactedFromTheTranscript()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Login, MtaFixture.Agent), null, CancellationToken.None);

        Assert.True(report.Success);
        Assert.Contains("C: AUTH LOGIN", report.Transcript);
        Assert.Contains("********", report.Transcript);
        Assert.DoesNotContain(Convert.ToBase64String("agent-secret-1"u8.ToArray()), report.Transcript);
        Assert.DoesNotContain(Convert.ToBase64String("agent@acme.test"u8.ToArray()), report.Transcript);
    }

    [Fact]
    public async Task Test_WrongPassword_IsAuthFailed()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, ("agent@acme.test", "wrong-password")), null, CancellationToken.None);

        Assert.False(report.Success);
        Assert.Equal(DiagnosticCode.AuthFailed, report.Diagnostic!.Code);
        Assert.Contains("username or password", report.Diagnostic.Message);
        Assert.False(report.Stages.Single(s => s.Name == "auth").Ok);
        Assert.DoesNotContain("wrong-password", report.Transcript);
    }

    [Fact]
    public async Task Test_NothingListening_IsConnectionRefused()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, port: mta.ClosedPort), null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.ConnectionRefused, report.Diagnostic!.Code);
        Assert.False(report.Stages.Single(s => s.Name == "connect").Ok);
    }

    [Fact]
    public async Task Test_UnknownHost_IsDnsFailure()
    {
        var endpoint = Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent) with { Host = "no-such-host.invalid" };

        var report = await tester.TestAsync(endpoint, null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.DnsFailure, report.Diagnostic!.Code);
        Assert.Contains("no-such-host.invalid", report.Diagnostic.Message);
    }

    [Fact]
    public async Task Test_SslOnConnectAimedAtTheStartTlsPort_SaysToChooseStartTls()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.SslOnConnect, SmtpAuthMethod.Plain, MtaFixture.Agent, port: mta.SubmissionPort), null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.TlsHandshakeFailed, report.Diagnostic!.Code);
        Assert.Contains("expects STARTTLS", report.Diagnostic.Message);
        Assert.Contains("Set Security to STARTTLS", report.Diagnostic.Fix);
    }

    [Fact]
    public async Task Test_StartTlsAimedAtTheImplicitTlsPort_SaysToChooseSslTls()
    {
        var endpoint = Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, port: mta.SmtpsPort, timeout: 6);

        var report = await tester.TestAsync(endpoint, null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.TlsHandshakeFailed, report.Diagnostic!.Code);
        Assert.Contains("expects SSL/TLS", report.Diagnostic.Message);
        Assert.Contains("Set Security to SSL/TLS", report.Diagnostic.Fix);
    }

    [Fact]
    public async Task Test_SelfSignedCertificate_IsInvalidUntilPinned()
    {
        var unpinned = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, pin: false), null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.CertificateInvalid, unpinned.Diagnostic!.Code);
        Assert.Equal(mta.CertificateSha256, unpinned.CertificateSha256);
        Assert.Contains(mta.CertificateSha256, unpinned.Diagnostic.Fix);
        Assert.False(unpinned.Stages.Single(s => s.Name == "tls").Ok);

        var pinned = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent) with { PinnedCertificateSha256 = unpinned.CertificateSha256 }, null, CancellationToken.None);

        Assert.True(pinned.Success, pinned.Diagnostic?.Message);
    }

    [Fact]
    public async Task Test_WrongPin_IsStillInvalid()
    {
        var endpoint = Endpoint(SmtpSecurity.SslOnConnect, SmtpAuthMethod.Plain, MtaFixture.Agent) with { PinnedCertificateSha256 = new string('A', 64) };

        var report = await tester.TestAsync(endpoint, null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.CertificateInvalid, report.Diagnostic!.Code);
    }

    [Fact]
    public async Task Test_WithRecipient_DeliversAsTheAuthenticatedLogin()
    {
        var recipient = MtaFixture.UniqueRecipient();

        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent),
            MessageFrom(MtaFixture.Agent.Login, recipient), CancellationToken.None);

        Assert.True(report.Success, report.Diagnostic?.Message + "\n" + report.Transcript);
        Assert.Equal(["dns", "connect", "tls", "ehlo", "auth", "mail", "rcpt", "data"], report.Stages.Select(s => s.Name));
        Assert.NotNull(report.QueueId);
        Assert.Contains(report.QueueId, report.Stages.Single(s => s.Name == "data").Detail);
        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal(MtaFixture.Agent.Login, message.From.Mailboxes.Single().Address);
        Assert.Equal(MtaFixture.Agent.Login, returnPath);
    }

    [Fact]
    public async Task Test_SenderTheLoginDoesNotOwn_IsSenderNotOwned()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent),
            MessageFrom(MtaFixture.Sales.Login, MtaFixture.UniqueRecipient()), CancellationToken.None);

        Assert.Equal(DiagnosticCode.SenderNotOwned, report.Diagnostic!.Code);
        Assert.Contains("not owned by user agent@acme.test", report.Stages[^1].Detail);
    }

    [Fact]
    public async Task Test_AuthRequiredButNoneChosen_SaysToSignIn()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.None, MtaFixture.Agent),
            MessageFrom(MtaFixture.Agent.Login, MtaFixture.UniqueRecipient()), CancellationToken.None);

        Assert.Equal(DiagnosticCode.AuthFailed, report.Diagnostic!.Code);
        Assert.Contains("did not sign in", report.Diagnostic.Message);
        Assert.Contains("Not used", report.Stages.Single(s => s.Name == "auth").Detail);
    }

    [Fact]
    public async Task Test_PlainConnectionToATlsOnlyPort_IsStartTlsRequired()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.None, SmtpAuthMethod.None, MtaFixture.Agent, port: mta.TlsRequiredPort),
            MessageFrom(MtaFixture.Agent.Login, MtaFixture.UniqueRecipient()), CancellationToken.None);

        Assert.Equal(DiagnosticCode.StartTlsRequired, report.Diagnostic!.Code);
    }

    [Fact]
    public async Task Test_ServerWithoutAuth_IsAuthNotSupported()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, port: mta.NoAuthPort), null, CancellationToken.None);

        Assert.Equal(DiagnosticCode.AuthNotSupported, report.Diagnostic!.Code);
    }

    [Fact]
    public async Task Test_NoSecurityAgainstTheImplicitTlsPort_EndsInADiagnostic()
    {
        var report = await tester.TestAsync(Endpoint(SmtpSecurity.None, SmtpAuthMethod.Plain, MtaFixture.Agent, mta.SmtpsPort, timeout: 4), null, CancellationToken.None);

        Assert.False(report.Success);
        Assert.Equal(DiagnosticCode.TlsHandshakeFailed, report.Diagnostic!.Code);
    }

    [Fact]
    public async Task Test_ServerThatClosesAtOnce_IsSaidToCloseTheConnection()
    {
        using var closing = new TcpListener(IPAddress.Loopback, 0);
        closing.Start();
        var serving = Task.Run(async () =>
        {
            using var client = await closing.AcceptTcpClientAsync();
            client.Client.Close();
        });

        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, ((IPEndPoint)closing.LocalEndpoint).Port, timeout: 4),
            null, CancellationToken.None);
        await serving;

        Assert.Equal(DiagnosticCode.ConnectionClosed, report.Diagnostic!.Code);
        Assert.Contains("closed the connection", report.Diagnostic.Message);
    }

    [Fact]
    public async Task Test_ServerThatNeverGreets_IsSaidToSendNoGreeting()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });

        var report = await tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, ((IPEndPoint)silent.LocalEndpoint).Port, timeout: 4),
            null, CancellationToken.None);
        silent.Stop();
        held.ForEach(c => c.Dispose());

        Assert.Equal(DiagnosticCode.NoGreeting, report.Diagnostic!.Code);
        Assert.Contains("sent no greeting", report.Diagnostic.Message);
        Assert.False(serving.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Test_CancelledWhileWaitingForTheGreeting_ClosesTheConnection()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        using var cancel = new CancellationTokenSource();

        var testing = tester.TestAsync(Endpoint(SmtpSecurity.StartTls, SmtpAuthMethod.Plain, MtaFixture.Agent, ((IPEndPoint)silent.LocalEndpoint).Port, timeout: 60),
            null, cancel.Token);
        using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => testing);
        var closed = await connection.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, closed);
    }

    [Fact]
    public async Task Test_NoSecurityAgainstAWebServer_EndsInADiagnostic()
    {
        using var web = new TcpListener(IPAddress.Loopback, 0);
        web.Start();
        var serving = AnswerLikeAWebServerAsync(web);
        var port = ((IPEndPoint)web.LocalEndpoint).Port;

        var report = await tester.TestAsync(Endpoint(SmtpSecurity.None, SmtpAuthMethod.Plain, MtaFixture.Agent, port, timeout: 4), null, CancellationToken.None);

        Assert.False(report.Success);
        Assert.NotNull(report.Diagnostic);
        Assert.Contains(report.Stages, s => !s.Ok);
        web.Stop();
        await serving;
    }

    /// <summary>Like a web server: silent until it gets a request, then "400 Bad Request" to whatever arrives, and close.</summary>
    private static async Task AnswerLikeAWebServerAsync(TcpListener web)
    {
        try
        {
            while (true)
            {
                using var client = await web.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[1024];
                if (await stream.ReadAsync(buffer) > 0)
                {
                    await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            // Stopped by the test.
        }
    }
}
