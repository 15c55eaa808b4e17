using System.Diagnostics;
using MailRouting.TestAuthServer;

namespace MailRouting.Benchmarks.Targets;

/// <summary>
/// The tests' private Postfix + Dovecot (tests/mta), started on its own port range for the benchmark, with the tests'
/// OAuth2 authorization server whose tokens Dovecot checks for XOAUTH2.
/// </summary>
public sealed class HarnessMta : ISmtpTarget, IAsyncDisposable
{
    public const string Loopback = "127.0.0.1";
    public const string Login = "support@acme.test";
    public const string Password = "support-secret-2";

    private readonly string repository;
    private readonly string directory;
    private readonly Dictionary<string, string> settings;

    private HarnessMta(string repository, string directory, Dictionary<string, string> settings, TestAuthorizationServer authorization)
    {
        this.repository = repository;
        this.directory = directory;
        this.settings = settings;
        Authorization = authorization;
    }

    public TestAuthorizationServer Authorization { get; }

    public string Host => Loopback;

    public int SubmissionPort => int.Parse(settings["MTA_SUBMISSION_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    public string CertificateSha256 => settings["MTA_CERT_SHA256"];

    /// <summary>The harness's self-signed certificate, for clients that trust a certificate file rather than a fingerprint.</summary>
    public string CertificateFile => settings["MTA_CERT_FILE"];

    private string NewMail => Path.Combine(settings["MTA_MAILDIR"], "new");

    /// <param name="accessTokenLifetime">
    /// How long the authorization server's access tokens last; an hour when not given.
    /// </param>
    public static async Task<HarnessMta> StartAsync(string repository, int portBase,
        TimeSpan? accessTokenLifetime = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mailrouting-bench-mta-{Environment.ProcessId}");
        await Script.RunAsync("bash", [Path.Combine(repository, "tests/mta/start.sh"), directory, portBase.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var settings = (await File.ReadAllLinesAsync(Path.Combine(directory, "mta.env")))
            .Select(line => line.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        var authorization = await TestAuthorizationServer.StartAsync(new TestAuthorizationServerOptions
        {
            Port = int.Parse(settings["MTA_OAUTH_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            Accounts = new Dictionary<string, string> { [Login] = Password },
            RedirectUris = [],
            Folder = directory,
            AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1),
        });
        return new HarnessMta(repository, directory, settings, authorization);
    }

    /// <summary>Messages Postfix has written to the Maildir since the last <see cref="ClearMailbox"/>.</summary>
    public int Delivered => Directory.Exists(NewMail) ? Directory.EnumerateFiles(NewMail).Count() : 0;

    /// <summary>SMTP sessions Postfix accepted so far (its "connect from" log lines).</summary>
    public int Sessions => File.ReadLines(settings["MTA_MAILLOG"])
        .Count(line => line.Contains("/smtpd[", StringComparison.Ordinal) && line.Contains(": connect from ", StringComparison.Ordinal));

    /// <summary>Raises Postfix's size limit (10 MB for the tests) and reloads it.</summary>
    public async Task AllowMessagesUpToAsync(long bytes)
    {
        var config = Path.Combine(directory, "postfix");
        await Script.RunAsync("postconf", ["-c", config, "-e", $"message_size_limit={bytes}", $"virtual_mailbox_limit={bytes * 2}"]);
        await Script.RunAsync("postfix", ["-c", config, "reload"]);
    }

    /// <summary>Waits until Postfix has delivered <paramref name="count"/> messages, then empties the Maildir for the next run.</summary>
    public async Task DrainAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Delivered < count && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(200);
        }

        ClearMailbox();
    }

    public void ClearMailbox()
    {
        if (Directory.Exists(NewMail))
        {
            foreach (var file in Directory.EnumerateFiles(NewMail))
            {
                File.Delete(file);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Authorization.DisposeAsync();
        await Script.RunAsync("bash", [Path.Combine(repository, "tests/mta/stop.sh"), directory]);
        Directory.Delete(directory, recursive: true);
    }
}
