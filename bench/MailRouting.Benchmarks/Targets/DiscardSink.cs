using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MailRouting.Benchmarks.Targets;

/// <summary>
/// An SMTP server in this process that accepts every message over STARTTLS + AUTH PLAIN and throws it away, so a run
/// measures the sender rather than the MTA: on these 2 cores the harness Postfix takes most of the CPU.
/// </summary>
public sealed class DiscardSink : ISmtpTarget, IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private int sessions;
    private int received;

    private DiscardSink(int port, X509Certificate2 certificate)
    {
        SubmissionPort = port;
        CertificateSha256 = Convert.ToHexString(SHA256.HashData(certificate.RawData));
        var options = new SmtpServerOptionsBuilder().ServerName("sink.bench.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).Certificate(certificate)
                .AllowUnsecureAuthentication(false).AuthenticationRequired(true))
            .Build();
        var services = new ServiceProvider();
        services.Add(new DelegatingUserAuthenticator((user, password) =>
            (user, password) == (HarnessMta.Login, HarnessMta.Password)));
        services.Add(new Discard(this));
        services.Add(new NoDelayListeners());
        server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref sessions);
        running = server.StartAsync(stop.Token);
    }

    public string Host => HarnessMta.Loopback;

    public int SubmissionPort { get; }

    public string CertificateSha256 { get; }

    public int Sessions => Volatile.Read(ref sessions);

    public static DiscardSink Start() => new(FreePort(), SelfSignedCertificate());

    public async Task DrainAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref received) < count && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
        }

        Interlocked.Exchange(ref received, 0);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sink.bench.test", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Through PKCS#12 so the private key is one SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    /// <summary>
    /// Listeners whose connections send each reply at once: with Nagle's algorithm a reply written in two parts waits
    /// for the client's delayed acknowledgement, which held every message about 40 ms.
    /// </summary>
    private sealed class NoDelayListeners : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context,
            CancellationToken cancellationToken)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            return new Connection(new NetworkStream(socket, ownsSocket: true));
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>A connection's pipes, over TLS once the client has asked for STARTTLS.</summary>
    private sealed class Connection(Stream plain) : ISecurableDuplexPipe
    {
        private Stream stream = plain;

        public PipeReader Input { get; private set; } = PipeReader.Create(plain);

        public PipeWriter Output { get; private set; } = PipeWriter.Create(plain);

        public bool IsSecure => stream is SslStream;

        public SslProtocols SslProtocol => (stream as SslStream)?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols,
            CancellationToken cancellationToken)
        {
            var secure = new SslStream(stream, leaveInnerStreamOpen: false);
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate, EnabledSslProtocols = protocols,
            };
            await secure.AuthenticateAsServerAsync(options, cancellationToken);
            (stream, Input, Output) = (secure, PipeReader.Create(secure), PipeWriter.Create(secure));
        }

        public void Dispose() => stream.Dispose();
    }

    private sealed class Discard(DiscardSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sink.received);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
