using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Servers;
using Microsoft.Extensions.Logging;
using MimeKit;
using TlsAuthenticationException = System.Security.Authentication.AuthenticationException;

namespace MailRouting.ConnectionTests;

/// <summary>
/// Walks through an SMTP session stage by stage (DNS, TCP, TLS, EHLO, AUTH and optionally MAIL/RCPT/DATA)
/// and reports each stage's duration and the server's words; every failure ends in a <see cref="Diagnostic"/>.
/// </summary>
public sealed class SmtpConnectionTester(ILogger<SmtpConnectionTester> logger)
{
    private sealed class StageFailedException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }

    /// <summary>Tests a sign-in as a send would make it: for OAuth2 the token comes first, as the "token" stage.</summary>
    public async Task<ConnectionTestReport> TestAsync(SignIn signIn, TestMessage? message, CancellationToken cancellationToken)
    {
        if (signIn.Endpoint is null)
        {
            return new ConnectionTestReport(false, [signIn.TokenStage!], "", signIn.Failure, null, null, null);
        }

        var report = await TestAsync(signIn.Endpoint, message, cancellationToken);
        return signIn.TokenStage is { } token ? report with { Stages = [token, .. report.Stages] } : report;
    }

    public async Task<ConnectionTestReport> TestAsync(SmtpEndpoint endpoint, TestMessage? message, CancellationToken cancellationToken)
    {
        var run = new Run(endpoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(endpoint.TimeoutSeconds));
        Diagnostic? diagnostic = null;
        try
        {
            await run.ExecuteAsync(message, timeout.Token);
        }
        catch (StageFailedException failure)
        {
            diagnostic = failure.Diagnostic;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            diagnostic = ConnectionDiagnostics.TimedOut(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds);
            run.FailCurrentStage("No answer before the test's time limit.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever the other side does, a test ends in a diagnostic, never in an error page.
            diagnostic = ConnectionDiagnostics.Unexpected(exception.Message);
            run.FailCurrentStage(exception.Message);
        }
        finally
        {
            await run.DisposeAsync();
        }

        var report = new ConnectionTestReport(diagnostic is null, run.Stages, run.Logger.Transcript(), diagnostic,
            run.MaxSize, run.Certificate.Certificate, run.QueueId, run.AuthMechanisms);
        logger.LogInformation("SMTP test of {Endpoint}: {Outcome} after {Stages}", endpoint,
            diagnostic?.Code.ToString() ?? "Success", string.Join(", ", report.Stages.Select(s => $"{s.Name} {s.DurationMs} ms")));
        return report;
    }

    private sealed class Run : IAsyncDisposable
    {
        private readonly SmtpEndpoint endpoint;
        private readonly SmtpClient client;
        private readonly List<TestStage> stages = [];
        private readonly Stopwatch stageClock = new();
        private string? currentStage;
        private Socket? socket;

        public Run(SmtpEndpoint endpoint)
        {
            this.endpoint = endpoint;
            Logger = new RedactingProtocolLogger(endpoint.Password);
            Certificate = new CertificateCheck(endpoint.PinnedCertificateSha256) { Clock = () => Logger.Now };
            client = new SmtpClient(Logger)
            {
                Timeout = endpoint.TimeoutSeconds * 1000,
                // Revocation lists are often unreachable from a mail relay's network; chain, name and expiry still count.
                CheckCertificateRevocation = false,
                ServerCertificateValidationCallback = Certificate.Validate,
            };
            if (!string.IsNullOrWhiteSpace(endpoint.ClientName))
            {
                client.LocalDomain = endpoint.ClientName;
            }
        }

        public RedactingProtocolLogger Logger { get; }

        public CertificateCheck Certificate { get; }

        public IReadOnlyList<TestStage> Stages => stages;

        public long? MaxSize { get; private set; }

        public string? QueueId { get; private set; }

        /// <summary>The SASL mechanisms the server's EHLO reply offered; null before EHLO.</summary>
        public IReadOnlyList<string>? AuthMechanisms { get; private set; }

        public async Task ExecuteAsync(TestMessage? message, CancellationToken cancellationToken)
        {
            var addresses = await LookUpAsync(cancellationToken);
            socket = await ConnectAsync(addresses, cancellationToken);
            await HandshakeAsync(socket, cancellationToken);
            await AuthenticateAsync(cancellationToken);
            if (message is not null)
            {
                await SendAsync(message, cancellationToken);
            }

            await client.DisconnectAsync(true, cancellationToken);
        }

        public void FailCurrentStage(string detail)
        {
            if (currentStage is not null)
            {
                End(false, detail);
            }
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            // MailKit owns the socket only once its handshake succeeded; a test cancelled or failed before that closes it here.
            socket?.Dispose();
            return ValueTask.CompletedTask;
        }

        private async Task<IPAddress[]> LookUpAsync(CancellationToken cancellationToken)
        {
            Begin("dns");
            if (IPAddress.TryParse(endpoint.Host, out var literal))
            {
                End(true, $"{endpoint.Host} is an IP address; no lookup needed.");
                return [literal];
            }

            try
            {
                var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
                End(true, $"{endpoint.Host} → {string.Join(", ", addresses.Select(a => a.ToString()))}");
                return addresses;
            }
            catch (SocketException exception)
            {
                throw Fail(exception.Message, ConnectionDiagnostics.FromSocket(exception, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds));
            }
        }

        private async Task<Socket> ConnectAsync(IPAddress[] addresses, CancellationToken cancellationToken)
        {
            Begin("connect");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
                End(true, $"Connected to {socket.RemoteEndPoint}.");
                return socket;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                throw Fail(exception.Message, ConnectionDiagnostics.FromSocket(exception, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds));
            }
        }

        /// <summary>Greeting, TLS (implicit or STARTTLS) and EHLO, which MailKit performs as one step.</summary>
        private async Task HandshakeAsync(Socket socket, CancellationToken cancellationToken)
        {
            if (endpoint.Security != SmtpSecurity.SslOnConnect && await GreetingAsync(socket, cancellationToken) is var greeting and not Greeting.Sent)
            {
                socket.Dispose();
                Begin("ehlo");
                var diagnostic = greeting == Greeting.Closed ? ConnectionDiagnostics.ClosedAtOnce(endpoint.Host, endpoint.Port)
                    : await SpeaksTlsAsync(cancellationToken) ? ConnectionDiagnostics.PlainOnImplicitTlsPort(endpoint.Port, endpoint.Security)
                    : ConnectionDiagnostics.NoGreeting(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds / 2);
                throw Fail(greeting == Greeting.Closed ? "The server closed the connection." : "The server sent no greeting.", diagnostic);
            }

            var started = Logger.Now;
            Begin(endpoint.Security == SmtpSecurity.None ? "ehlo" : "tls");
            try
            {
                await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, endpoint.SocketOptions, cancellationToken);
            }
            catch (SslHandshakeException exception)
            {
                // The stage says it in the diagnostic's words: .NET's own text ("rejected by the provided
                // RemoteCertificateValidationCallback") tells an admin nothing.
                var diagnostic = await DiagnoseTlsFailureAsync(exception, cancellationToken);
                throw Fail(diagnostic.Message, diagnostic);
            }
            catch (NotSupportedException) when (endpoint.Security == SmtpSecurity.StartTls)
            {
                throw Fail("STARTTLS is not in the server's EHLO reply.", ConnectionDiagnostics.StartTlsNotOffered());
            }
            catch (SmtpCommandException exception)
            {
                throw Fail(exception.Message, SmtpReplyDiagnostics.Explain((int)exception.StatusCode, exception.Message));
            }
            catch (Exception exception) when (exception is SmtpProtocolException or IOException or TlsAuthenticationException)
            {
                var diagnostic = ConnectionDiagnostics.TlsHandshakeFailed(exception);
                throw Fail(diagnostic.Message, diagnostic);
            }

            var connected = Logger.Now;
            AuthMechanisms = [.. client.AuthenticationMechanisms];
            if (endpoint.Security != SmtpSecurity.None)
            {
                var tlsDone = Certificate.ValidatedAt ?? connected;
                EndWith(true, TlsDetail(), tlsDone - started);
                Begin("ehlo");
                EndWith(true, EhloDetail(), connected - tlsDone);
            }
            else
            {
                End(true, EhloDetail() + " The connection is not encrypted: passwords and mail cross the network in plain text.");
            }

            MaxSize = client.MaxSize > 0 ? client.MaxSize : null;
        }

        private async Task AuthenticateAsync(CancellationToken cancellationToken)
        {
            Begin("auth");
            if (endpoint.AuthMethod == SmtpAuthMethod.None)
            {
                End(true, "Not used: authentication is set to None.");
                return;
            }

            if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication) || client.AuthenticationMechanisms.Count == 0)
            {
                throw Fail("The server's EHLO reply has no AUTH line.", ConnectionDiagnostics.AuthNotSupported(client.IsSecure));
            }

            var mechanism = endpoint.AuthMethod.ToSaslName();
            if (!Sasl.IsOffered(endpoint.AuthMethod, client.AuthenticationMechanisms))
            {
                throw Fail($"Offered: {string.Join(" ", client.AuthenticationMechanisms)}.",
                    ConnectionDiagnostics.AuthMechanismNotOffered(endpoint.AuthMethod, client.AuthenticationMechanisms));
            }

            try
            {
                await client.AuthenticateAsync(Sasl.Create(endpoint, client.AuthenticationMechanisms), cancellationToken);
                End(true, $"Signed in as {endpoint.Username} with {mechanism}.");
            }
            catch (MailKit.Security.AuthenticationException exception)
            {
                throw Fail(exception.Message, SmtpReplyDiagnostics.Explain(535, exception.Message));
            }
            catch (SmtpCommandException exception)
            {
                throw Fail(exception.Message, SmtpReplyDiagnostics.Explain((int)exception.StatusCode, exception.Message));
            }
        }

        private async Task SendAsync(TestMessage message, CancellationToken cancellationToken)
        {
            var mime = TestMessages.Build(message);
            Begin("mail");
            var begun = Logger.Now;
            var sent = Logger.Lines.Count;
            try
            {
                var reply = await client.SendAsync(mime, MailboxAddress.Parse(message.EnvelopeFrom), [MailboxAddress.Parse(message.Recipient)], cancellationToken);
                QueueId = SmtpReplies.QueueIdOf(reply);
                EndSendStages(begun, sent, failedStage: null, $"250 {reply}");
            }
            catch (SmtpCommandException exception)
            {
                var failedStage = exception.ErrorCode switch
                {
                    SmtpErrorCode.SenderNotAccepted => "mail",
                    SmtpErrorCode.RecipientNotAccepted => "rcpt",
                    _ => "data",
                };
                var reply = $"{(int)exception.StatusCode} {exception.Message}";
                EndSendStages(begun, sent, failedStage, reply);
                throw new StageFailedException(SmtpReplyDiagnostics.Explain((int)exception.StatusCode, exception.Message));
            }
            catch (ServiceNotAuthenticatedException exception)
            {
                // MailKit's name for "530 authentication/STARTTLS required" at MAIL FROM.
                EndSendStages(begun, sent, "mail", $"530 {exception.Message}");
                throw new StageFailedException(SmtpReplyDiagnostics.Explain(530, exception.Message));
            }
        }

        /// <summary>MailKit pipelines MAIL, RCPT and DATA; each stage ends when its reply arrived.</summary>
        private void EndSendStages(TimeSpan begun, int firstLine, string? failedStage, string finalReply)
        {
            var replies = Logger.Lines.Skip(firstLine).Where(l => !l.FromClient).ToList();
            var previous = begun;
            string[] names = ["mail", "rcpt", "data"];
            for (var i = 0; i < names.Length; i++)
            {
                var last = i == names.Length - 1 || failedStage == names[i];
                var reply = replies.ElementAtOrDefault(i);
                var at = last || reply is null ? Logger.Now : reply.At;
                stages.Add(TestProgress.Finished(new TestStage(names[i], failedStage != names[i], (long)Math.Max(0, (at - previous).TotalMilliseconds),
                    last ? finalReply : reply?.Text ?? "")));
                previous = at;
                if (last)
                {
                    break;
                }
            }

            currentStage = null;
        }

        private enum Greeting
        {
            Sent,
            Closed,
            None,
        }

        /// <summary>Peeks at the first byte without taking it: MailKit reads the greeting itself.</summary>
        private async Task<Greeting> GreetingAsync(Socket socket, CancellationToken cancellationToken)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(endpoint.TimeoutSeconds) / 2);
            try
            {
                var buffer = new byte[1];
                return await socket.ReceiveAsync(buffer, SocketFlags.Peek, wait.Token) > 0 ? Greeting.Sent : Greeting.Closed;
            }
            catch (SocketException)
            {
                return Greeting.Closed;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Greeting.None;
            }
        }

        private async Task<Diagnostic> DiagnoseTlsFailureAsync(SslHandshakeException exception, CancellationToken cancellationToken)
        {
            if (Certificate.Certificate is { Accepted: false } seen)
            {
                return ConnectionDiagnostics.CertificateInvalid(seen.Problems, seen.Sha256);
            }

            if (endpoint.Security == SmtpSecurity.SslOnConnect && await GreetsInPlainTextAsync(cancellationToken))
            {
                return ConnectionDiagnostics.ImplicitTlsOnPlainPort(endpoint.Port);
            }

            return ConnectionDiagnostics.TlsHandshakeFailed(exception);
        }

        private async Task<bool> GreetsInPlainTextAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromSeconds(3));
                var buffer = new byte[4];
                var read = await probe.GetStream().ReadAsync(buffer, wait.Token);
                return read >= 3 && buffer[0] == '2' && buffer[1] == '2' && buffer[2] == '0';
            }
            catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
            {
                return false;
            }
        }

        /// <summary>Whether the port completes a TLS handshake straight away, i.e. it is an implicit-TLS (465-style) port.</summary>
        private async Task<bool> SpeaksTlsAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
                // Only the handshake is attempted, to learn what the port speaks; nothing is sent over it.
#pragma warning disable CA5359
                await using var tls = new SslStream(probe.GetStream(), false, (_, _, _, _) => true);
#pragma warning restore CA5359
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
                return true;
            }
            catch (Exception exception) when (exception is SocketException or IOException or TlsAuthenticationException or OperationCanceledException)
            {
                return false;
            }
        }

        private string TlsDetail()
        {
            var protocol = $"{client.SslProtocol}, {client.SslCipherSuite}";
            if (Certificate.Certificate is not { } seen)
            {
                return protocol;
            }

            var validity = seen.Valid ? "valid" : seen.Pinned ? $"not trusted ({seen.Problems}) but pinned" : seen.Problems;
            return $"{protocol}; certificate {seen.Subject}, issued by {seen.Issuer}, expires {seen.NotAfter:yyyy-MM-dd}, {validity}; SHA-256 {seen.Sha256}";
        }

        private string EhloDetail()
        {
            var capabilities = new List<string>();
            if (client.AuthenticationMechanisms.Count > 0)
            {
                capabilities.Add("AUTH " + string.Join(" ", client.AuthenticationMechanisms));
            }

            if (client.Capabilities.HasFlag(SmtpCapabilities.Size))
            {
                capabilities.Add($"SIZE {client.MaxSize}");
            }

            if (client.Capabilities.HasFlag(SmtpCapabilities.Pipelining))
            {
                capabilities.Add("PIPELINING");
            }

            if (endpoint.Security == SmtpSecurity.StartTls)
            {
                capabilities.Add("STARTTLS (used)");
            }
            else if (client.Capabilities.HasFlag(SmtpCapabilities.StartTLS))
            {
                capabilities.Add("STARTTLS");
            }

            if (client.Capabilities.HasFlag(SmtpCapabilities.EightBitMime))
            {
                capabilities.Add("8BITMIME");
            }

            return capabilities.Count == 0 ? "No extensions advertised." : string.Join("; ", capabilities) + ".";
        }

        private void Begin(string name)
        {
            currentStage = name;
            stageClock.Restart();
        }

        private void End(bool ok, string detail) => EndWith(ok, detail, stageClock.Elapsed);

        private void EndWith(bool ok, string detail, TimeSpan duration)
        {
            stages.Add(TestProgress.Finished(new TestStage(currentStage!, ok, (long)Math.Max(0, duration.TotalMilliseconds), detail)));
            currentStage = null;
        }

        private StageFailedException Fail(string detail, Diagnostic diagnostic)
        {
            End(false, detail);
            return new StageFailedException(diagnostic);
        }
    }
}
