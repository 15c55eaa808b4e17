using System.Diagnostics;
using MailRouting.TestAuthServer;
using MailRouting.TestMailApis;
using MimeKit;

namespace MailRouting.IntegrationTests.Mta;

/// <summary>
/// A private Postfix + Dovecot on loopback (tests/mta/start.sh), started once for the collection. When it cannot
/// start, every test that needs it fails with the reason and the install command; nothing is skipped.
/// Each test assembly uses its own port range, so assemblies running side by side do not meet.
/// </summary>
public partial class MtaFixture : IAsyncLifetime
{
    public const string Host = "127.0.0.1";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"mailrouting-mta-{Environment.ProcessId}");
    private readonly int portBase;
    private Dictionary<string, string> settings = [];

    public MtaFixture()
        : this(10000)
    {
    }

    protected MtaFixture(int portBase)
    {
        var offset = int.TryParse(Environment.GetEnvironmentVariable("MAILROUTING_MTA_PORT_OFFSET"), out var configured) ? configured : 0;
        this.portBase = portBase + offset;
    }

    public int SubmissionPort => Port("MTA_SUBMISSION_PORT");
    public int SmtpsPort => Port("MTA_SMTPS_PORT");
    public int TlsRequiredPort => Port("MTA_TLS_REQUIRED_PORT");
    public int NoAuthPort => Port("MTA_NO_AUTH_PORT");
    public int ImapPort => Port("MTA_IMAP_PORT");
    public int Pop3Port => Port("MTA_POP3_PORT");
    public string CertificateSha256 => settings["MTA_CERT_SHA256"];
    public string MailLog => settings["MTA_MAILLOG"];

    /// <summary>Dovecot's log: IMAP and POP3 sign-ins with their mechanism ("method=XOAUTH2").</summary>
    public string DovecotLog => Path.Combine(settings["MTA_DIR"], "dovecot.log");

    /// <summary>A port with nothing listening, next to the MTA's.</summary>
    public int ClosedPort => SubmissionPort + 300;

    public static readonly (string Login, string Password) Agent = ("agent@acme.test", "agent-secret-1");
    public static readonly (string Login, string Password) Support = ("support@acme.test", "support-secret-2");
    public static readonly (string Login, string Password) Sales = ("sales@acme.test", "sales-secret-3");
    public static readonly (string Login, string Password) Relay = ("relay@acme.test", "relay-secret-4");

    /// <summary>The callback the in-process app (WebApplicationFactory, http://localhost) registers at the authorization server.</summary>
    public static readonly Uri AppCallback = new("http://localhost/oauth/callback");

    /// <summary>The OAuth2 authorization server whose tokens Dovecot checks (by introspection) when Postfix is given XOAUTH2.</summary>
    public TestAuthorizationServer Authorization { get; private set; } = null!;

    /// <summary>
    /// A local Microsoft Graph (sendMail) that checks tokens at <see cref="Authorization"/> and hands mail to this
    /// Postfix. Agent may send as support@ (a shared mailbox it has Send As on), not as sales@.
    /// </summary>
    public GraphStandIn Graph { get; private set; } = null!;

    /// <summary>A local Gmail API (messages.send) with the same accounts and rights as <see cref="Graph"/>.</summary>
    public GmailStandIn Gmail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await RunAsync("start.sh", directory, portBase.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            await RunAsync("stop.sh", directory);
            throw new InvalidOperationException(
                $"The test MTA (Postfix + Dovecot) did not start (exit {exitCode}): {output.Trim()}\n" +
                "Install it as root with: bash tests/install.sh   (apt-get install postfix dovecot-core dovecot-imapd dovecot-pop3d openssl)");
        }

        settings = (await File.ReadAllLinesAsync(Path.Combine(directory, "mta.env")))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        Authorization = await TestAuthorizationServer.StartAsync(new TestAuthorizationServerOptions
        {
            Port = Port("MTA_OAUTH_PORT"),
            Accounts = new Dictionary<string, string> { [Agent.Login] = Agent.Password, [Support.Login] = Support.Password, [Sales.Login] = Sales.Password, [Relay.Login] = Relay.Password },
            RedirectUris = [AppCallback],
            Folder = directory,
        });
        var apis = new MailApiOptions
        {
            Introspection = new Uri(Authorization.Issuer, "connect/introspect"),
            IntrospectionClientId = TestAuthorizationServer.IntrospectionClientId,
            IntrospectionClientSecret = TestAuthorizationServer.IntrospectionClientSecret,
            AppClientId = TestAuthorizationServer.ClientId,
            SubmissionHost = Host,
            SubmissionPort = SubmissionPort,
            SubmissionCertificateSha256 = CertificateSha256,
            Mailboxes = new Dictionary<string, string> { [Agent.Login] = Agent.Password,
                [Support.Login] = Support.Password, [Sales.Login] = Sales.Password },
            Relay = Relay,
            SendAs = new Dictionary<string, IReadOnlyList<string>> { [Agent.Login] = [Support.Login] },
        };
        Graph = await GraphStandIn.StartAsync(apis);
        Gmail = await GmailStandIn.StartAsync(apis);
    }

    public async Task DisposeAsync()
    {
        await Graph.DisposeAsync();
        await Gmail.DisposeAsync();
        await Authorization.DisposeAsync();
        await RunAsync("stop.sh", directory);
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Waits for the message Postfix delivered to <paramref name="recipient"/> (recipients are unique per test).</summary>
    public async Task<(MimeMessage Message, string ReturnPath)> DeliveredToAsync(string recipient, TimeSpan? timeout = null)
    {
        var maildir = Path.Combine(settings["MTA_MAILDIR"], "new");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(maildir))
            {
                foreach (var file in Directory.EnumerateFiles(maildir))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains($"Delivered-To: {recipient}", StringComparison.OrdinalIgnoreCase))
                    {
                        var message = MimeMessage.Load(file);
                        return (message, (message.Headers[HeaderId.ReturnPath] ?? "").Trim().Trim('<', '>'));
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing was delivered to {recipient}; see {MailLog}.");
    }

    /// <summary>
    /// Makes Postfix answer <paramref name="reply"/> (e.g. "450 4.7.1 Try again later") to mail from <paramref name="sender"/>;
    /// null lifts it (the test MTA's own answers are never temporary). Returns once a new session hears the change.
    /// </summary>
    public async Task AnswerSenderAsync(string sender, string? reply)
    {
        var map = Path.Combine(directory, "postfix", "sender_access");
        var lines = (await File.ReadAllLinesAsync(map)).Where(l => !l.StartsWith(sender + " ", StringComparison.Ordinal)).ToList();
        if (reply is not null)
        {
            lines.Add($"{sender} {reply}");
        }

        await File.WriteAllLinesAsync(map, lines);
        await PostfixAsync("reload");
        await Eventually.TrueAsync(
            async () => await RecipientReplyAsync(sender) is var heard && (reply is null ? heard[0] != '4' : heard[..3] == reply[..3]),
            TimeSpan.FromSeconds(15),
            $"Postfix did not start answering '{reply ?? "its usual reply"}' to {sender} after its reload");
    }

    /// <summary>
    /// What a fresh session on the no-auth port hears after RCPT TO from <paramref name="sender"/>; Postfix
    /// delays sender restrictions until RCPT. "postfix reload" only signals the master, so callers wait for this.
    /// </summary>
    private async Task<string> RecipientReplyAsync(string sender)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(Host, NoAuthPort);
        using var reader = new StreamReader(client.GetStream());
        await using var writer = new StreamWriter(client.GetStream()) { NewLine = "\r\n", AutoFlush = true };
        await ReadReplyAsync(reader);
        foreach (var command in new[] { "EHLO probe.test", $"MAIL FROM:<{sender}>" })
        {
            await writer.WriteLineAsync(command);
            await ReadReplyAsync(reader);
        }

        await writer.WriteLineAsync("RCPT TO:<probe@customer.test>");
        var reply = await ReadReplyAsync(reader);
        await writer.WriteLineAsync("QUIT");
        return reply;
    }

    private static async Task<string> ReadReplyAsync(StreamReader reader)
    {
        string line;
        do
        {
            line = await reader.ReadLineAsync() ?? throw new IOException("Postfix closed the probe session");
        }
        while (line.Length > 3 && line[3] == '-');
        return line;
    }

    /// <summary>Stops or starts only Postfix (Dovecot stays), as an outage of the mail server would.</summary>
    public async Task PostfixAsync(string command)
    {
        var start = new ProcessStartInfo("postfix") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Path.Combine(directory, "postfix"), command })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        if (command == "start")
        {
            await WaitForPortAsync(SubmissionPort);
        }
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(Host, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Failed sign-ins Postfix has logged so far.</summary>
    public int AuthFailureCount() => File.ReadLines(MailLog).Count(line => line.Contains("authentication failed", StringComparison.Ordinal));

    /// <summary>SMTP sessions Postfix has accepted so far (its "connect from" log lines).</summary>
    public int SessionCount() => File.ReadLines(MailLog).Count(line => line.Contains("/smtpd[", StringComparison.Ordinal) && line.Contains(": connect from ", StringComparison.Ordinal));

    /// <summary>Lines in Postfix's log so far: a mark to read what a test caused from.</summary>
    public int MailLogLines() => File.ReadLines(MailLog).Count();

    /// <summary>
    /// The most SMTP sessions that were open at once for <paramref name="login"/>, from Postfix's log after line
    /// <paramref name="from"/>. Lines arrive in the order things happened; a session opens at its smtpd process's
    /// "connect from", counts for the login once it submits a message as it, and ends at "disconnect from".
    /// </summary>
    public int MostSessionsAtOnce(string login, int from)
    {
        var open = new Dictionary<string, string?>();
        var most = 0;
        foreach (var line in File.ReadLines(MailLog).Skip(from))
        {
            if (SmtpdProcess().Match(line) is not { Success: true } smtpd)
            {
                continue;
            }

            var process = smtpd.Groups[1].Value;
            if (line.Contains(": connect from ", StringComparison.Ordinal))
            {
                open[process] = null;
            }
            else if (line.Contains(": disconnect from ", StringComparison.Ordinal))
            {
                open.Remove(process);
            }
            else if (line.Contains($"sasl_username={login}", StringComparison.OrdinalIgnoreCase) && open.ContainsKey(process))
            {
                open[process] = login;
                most = Math.Max(most, open.Values.Count(v => v == login));
            }
        }

        return most;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/smtpd\[(\d+)\]")]
    private static partial System.Text.RegularExpressions.Regex SmtpdProcess();

    /// <summary>How many copies Postfix delivered to <paramref name="recipient"/>: a duplicate shows as 2.</summary>
    public int DeliveredCount(string recipient) => DeliveredCounts().GetValueOrDefault(recipient);

    /// <summary>Copies delivered per recipient, read from each file's Delivered-To header.</summary>
    public Dictionary<string, int> DeliveredCounts()
    {
        var maildir = Path.Combine(settings["MTA_MAILDIR"], "new");
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.Exists(maildir) ? Directory.EnumerateFiles(maildir) : [])
        {
            var header = File.ReadLines(file).Take(5).FirstOrDefault(l => l.StartsWith("Delivered-To: ", StringComparison.Ordinal));
            if (header is not null)
            {
                var recipient = header["Delivered-To: ".Length..].Trim();
                counts[recipient] = counts.GetValueOrDefault(recipient) + 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// Per recipient, the Postfix queue ids its copies were accepted under (from the Received header Postfix adds on
    /// submission): two ids mean the app submitted the message twice; two copies under one id mean Postfix delivered it twice.
    /// </summary>
    public Dictionary<string, HashSet<string>> SubmissionIds()
    {
        var maildir = Path.Combine(settings["MTA_MAILDIR"], "new");
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.Exists(maildir) ? Directory.EnumerateFiles(maildir) : [])
        {
            var headers = MimeKit.HeaderList.Load(file);
            if (headers["Delivered-To"] is { } recipient && QueueId().Match(headers["Received"] ?? "") is { Success: true } id)
            {
                ids.TryAdd(recipient.Trim(), new HashSet<string>());
                ids[recipient.Trim()].Add(id.Groups[1].Value);
            }
        }

        return ids;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(Postfix\) with \S+ id ([0-9A-Za-z]+)")]
    private static partial System.Text.RegularExpressions.Regex QueueId();

    public static string UniqueRecipient() => $"t-{Guid.NewGuid():N}@customer.test";

    private int Port(string key) => int.Parse(settings[key], System.Globalization.CultureInfo.InvariantCulture);

    private static Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments) =>
        Commands.RunAsync("bash", [Path.Combine(RepositoryRoot(), "tests", "mta", script), .. arguments]);

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MailRouting.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("MailRouting.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class MtaGroup : ICollectionFixture<MtaFixture>
{
    public const string Name = "Real MTA";
}
