namespace MailRouting.Diagnostics;

public enum DiagnosticCode
{
    AuthFailed,
    SenderNotOwned,
    SpamRejected,
    SpfDmarcFailed,
    StartTlsRequired,
    AuthMechanismNotOffered,
    AuthNotSupported,
    TlsHandshakeFailed,
    CertificateInvalid,
    ConnectionRefused,
    ConnectionTimedOut,
    ConnectionClosed,
    NoGreeting,
    DnsFailure,
    RateLimited,
    TemporaryFailure,
    MessageTooLarge,
    RecipientRejected,
    BasicAuthDisabled,
    AppPasswordRequired,
    ProtocolMismatch,
    BasicAuthNotSupported,
    OAuthNotConnected,
    OAuthReconnectNeeded,
    OAuthTokenRejected,
    OAuthAppRejected,
    OAuthProviderUnavailable,
    FolderRefused,
    SendingBlocked,
    DomainNotAccepted,
    DailyLimitReached,
    SenderThrottled,
    MailboxFull,
    Unknown,
}

/// <summary>A failure explained for a non-expert: what happened and what to do about it.</summary>
public sealed record Diagnostic(DiagnosticCode Code, string Message, string Fix)
{
    /// <summary>Temporary failures are worth retrying unchanged; the others need a configuration change.</summary>
    public bool IsTemporary => Code is DiagnosticCode.RateLimited or DiagnosticCode.TemporaryFailure
        or DiagnosticCode.ConnectionTimedOut or DiagnosticCode.ConnectionRefused or DiagnosticCode.ConnectionClosed or DiagnosticCode.NoGreeting
        or DiagnosticCode.OAuthProviderUnavailable or DiagnosticCode.DailyLimitReached;
}
