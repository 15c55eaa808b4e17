namespace MailRouting.Diagnostics;

/// <summary>
/// The failures of the sign-in itself (a password, a token, the app): the login's owner must fix them.
/// </summary>
public static class SignInCodes
{
    public static readonly IReadOnlySet<string> All = new[]
    {
        DiagnosticCode.AuthFailed, DiagnosticCode.BasicAuthDisabled, DiagnosticCode.BasicAuthNotSupported,
        DiagnosticCode.AppPasswordRequired, DiagnosticCode.OAuthNotConnected, DiagnosticCode.OAuthReconnectNeeded,
        DiagnosticCode.OAuthTokenRejected, DiagnosticCode.OAuthAppRejected,
    }.Select(code => code.ToString()).ToHashSet(StringComparer.Ordinal);
}
