namespace MailRouting.TestMailApis;

/// <summary>
/// What the mail API stand-ins check tokens with, whose mailboxes they serve and where they hand mail on.
/// </summary>
public sealed class MailApiOptions
{
    /// <summary>The authorization server's introspection endpoint, where every bearer token is checked.</summary>
    public required Uri Introspection { get; init; }

    public required string IntrospectionClientId { get; init; }
    public required string IntrospectionClientSecret { get; init; }

    /// <summary>The app whose own tokens (subject = client id) carry the application permission Mail.Send.</summary>
    public required string AppClientId { get; init; }

    /// <summary>
    /// Where accepted mail is handed on: the test Postfix's submission port, with its certificate's fingerprint.
    /// </summary>
    public required string SubmissionHost { get; init; }

    public required int SubmissionPort { get; init; }
    public required string SubmissionCertificateSha256 { get; init; }

    /// <summary>The mailboxes of the tenant and their passwords, which the stand-in signs in to Postfix with.</summary>
    public required IReadOnlyDictionary<string, string> Mailboxes { get; init; }

    /// <summary>What addresses without a mailbox of their own (aliases, other domains) are handed on as.</summary>
    public required (string Login, string Password) Relay { get; init; }

    /// <summary>
    /// Whether accepted mail is handed to the test Postfix; without it, it is only counted and thrown away (the
    /// benchmark's sink).
    /// </summary>
    public bool HandOff { get; init; } = true;

    /// <summary>
    /// Remembers each token's subject after its first check, as Graph validates a JWT locally without asking the
    /// issuer per request; a token revoked later stays accepted, so only the benchmark uses it.
    /// </summary>
    public bool CacheTokens { get; init; }

    /// <summary>Send As rights: a mailbox, and the other addresses it may send as (a shared mailbox's).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SendAs { get; init; } = new Dictionary<string,
        IReadOnlyList<string>>();
}
