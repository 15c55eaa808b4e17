using MailRouting.Diagnostics;
using MailRouting.Outbox.Delivery;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Outcomes;

/// <summary>
/// When a message moves to its server's fallback: only after an answer that the way it signs in is off for good
/// (5.7.139 SMTP AUTH disabled, 5.7.30 basic authentication off, the app's permission refused, a new token refused
/// again), only where the server names a fallback, and only once per message. Where it goes is the resolver's decision.
/// </summary>
public static class FallbackMove
{
    public static bool IsTriggeredBy(SendFailure failure) => failure.Diagnostic.Code switch
    {
        DiagnosticCode.BasicAuthDisabled or DiagnosticCode.BasicAuthNotSupported or DiagnosticCode.OAuthAppRejected
            => true,
        DiagnosticCode.OAuthTokenRejected => failure.NeedsConfiguration,
        _ => false,
    };

    /// <summary>The resolver's decision on the fallback; null when this failure asks for no move.</summary>
    public static Resolution.Resolution? For(OutboxMessage message, SendFailure failure, Route route) =>
        IsTriggeredBy(failure) && message.FallbackFromServerId is null
            && route is { Server: { } server, Fallback: { } fallback }
            ? SenderResolver.OnFallback(server, fallback, message.Credentials, message.Login, message.FromAddress)
            : null;
}
