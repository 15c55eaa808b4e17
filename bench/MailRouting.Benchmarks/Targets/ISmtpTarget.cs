namespace MailRouting.Benchmarks.Targets;

/// <summary>
/// Where a contender sends: a submission port with STARTTLS and AUTH PLAIN for <see cref="HarnessMta.Login"/>.
/// </summary>
public interface ISmtpTarget
{
    string Host { get; }

    int SubmissionPort { get; }

    /// <summary>SHA-256 of the server's certificate, upper-case hex, as a server in the app pins it.</summary>
    string CertificateSha256 { get; }

    /// <summary>SMTP sessions accepted so far.</summary>
    int Sessions { get; }

    /// <summary>Waits until <paramref name="count"/> messages have arrived since the last drain, then forgets them.
    /// </summary>
    Task DrainAsync(int count);
}
