namespace MailRouting.Servers;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public enum SmtpAuthMethod
{
    None,
    Plain,
    Login,
    CramMd5,

    /// <summary>XOAUTH2 (or OAUTHBEARER) with a token from the server's OAuth app: Microsoft 365, Google and others.</summary>
    OAuth2,

    /// <summary>
    /// OAuth2 with the app's own permission (client credentials): the app sends as each mailbox it is allowed to, with
    /// no mailbox connected (Microsoft Graph's application permission Mail.Send).
    /// </summary>
    OAuth2App,
}

public enum ServerKind
{
    Custom,
    Internal,
}

public sealed class SmtpServer
{
    public const int DefaultTimeoutSeconds = 20;

    public int Id { get; set; }
    public required string Name { get; set; }
    public ServerKind Kind { get; set; }

    /// <summary>SMTP, or an HTTP mail API at <see cref="Host"/> (https, or http on loopback only).</summary>
    public ServerTransport Transport { get; set; }

    public required string Host { get; set; }
    public int Port { get; set; }
    public SmtpSecurity Security { get; set; }
    public SmtpAuthMethod AuthMethod { get; set; }
    public string? Username { get; set; }

    /// <summary>With <see cref="SmtpAuthMethod.OAuth2"/>: the app every login on this server connects through.</summary>
    public int? OAuthAppId { get; set; }

    /// <summary>
    /// For a Graph or Gmail API server: also file a copy by IMAP in each sender's Sent folder (where one is set up),
    /// although the service keeps its own copy in the mailbox. Off: no second copy.
    /// </summary>
    public bool CopyApiMailToSent { get; set; }

    /// <summary>
    /// An SMTP server's mail is signed with the From domain's active DKIM keys. Off where the provider signs already
    /// (Microsoft 365, Google); mail through an HTTP mail API is never signed here.
    /// </summary>
    public bool SignWithDkim { get; set; } = true;

    /// <summary>
    /// The envelope sender bounces go to, where the provider lets it differ from the From; null: each message's From.
    /// </summary>
    public string? BounceAddress { get; set; }

    /// <summary>Adds each message's id to the bounce address (VERP), so every bounce names its message.</summary>
    public bool Verp { get; set; }

    /// <summary>
    /// The server a message moves to when this one refuses the way it signs in for good (SMTP AUTH or basic
    /// authentication off, the app's permission refused): named, never chosen silently.
    /// </summary>
    public int? FallbackServerId { get; set; }

    /// <summary>The password protected with ASP.NET Core Data Protection; never the plain text.</summary>
    public string? ProtectedPassword { get; set; }

    public required string SenderAddress { get; set; }
    public string? SenderName { get; set; }
    public string? ClientName { get; set; }

    /// <summary>For admins and Support only (xentral's "Interne Beschreibung"); never in mail.</summary>
    public string? Description { get; set; }
    public List<string> SendAs { get; set; } = [];
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;
    public string? PinnedCertificateSha256 { get; set; }

    /// <summary>Messages sent over one session before it is closed and reopened (Gmail drops sessions after 70–90); null = no limit.</summary>
    public int? MaxMessagesPerSession { get; set; }

    /// <summary>Messages per minute over all sessions and app instances (Microsoft 365 allows 30); null = no limit.</summary>
    public int? MaxMessagesPerMinute { get; set; }

    /// <summary>
    /// Sessions one app instance opens in parallel for one login (Microsoft 365 allows 3 per mailbox over SMTP); for an
    /// HTTP API, requests at once. Null = one over SMTP, and Graph's limit of 4 per mailbox over Graph.
    /// </summary>
    public int? MaxConcurrentSessions { get; set; }

    public int ConcurrentSessions => MaxConcurrentSessions ?? (Transport == ServerTransport.MicrosoftGraph ? 4 : 1);
    public bool IsDefault { get; set; }

    /// <summary>The SIZE limit the server advertised in its last successful EHLO, in bytes.</summary>
    public long? AdvertisedMaxSize { get; set; }

    public DateTimeOffset? LastTestAt { get; set; }
    public bool LastTestSucceeded { get; set; }
    public string? LastTestCode { get; set; }
    public string? LastTestSummary { get; set; }

    /// <summary>Changes on every save; a stale value on save means somebody else saved first.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool HasPassword => ProtectedPassword is not null;
}

public static class SmtpSecurityPorts
{
    public static int DefaultPort(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => 587,
        SmtpSecurity.SslOnConnect => 465,
        _ => 25,
    };
}

public static class SmtpAuthMethodNames
{
    /// <summary>Signs in with an OAuth2 access token: a connected mailbox's, or the app's own.</summary>
    public static bool UsesToken(this SmtpAuthMethod method) =>
        method is SmtpAuthMethod.OAuth2 or SmtpAuthMethod.OAuth2App;

    public static string ToSaslName(this SmtpAuthMethod method) => method switch
    {
        SmtpAuthMethod.Plain => "PLAIN",
        SmtpAuthMethod.Login => "LOGIN",
        SmtpAuthMethod.CramMd5 => "CRAM-MD5",
        SmtpAuthMethod.OAuth2 or SmtpAuthMethod.OAuth2App => "XOAUTH2",
        _ => "none",
    };
}
