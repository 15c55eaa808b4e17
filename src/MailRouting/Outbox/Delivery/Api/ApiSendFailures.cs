using System.Net.Sockets;
using System.Security.Authentication;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;
using MailRouting.Servers;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// What an HTTP mail API's failures mean for a message: a request that got no answer (the network's failures, explained
/// as for SMTP), and the kinds of refusal the services' own answers map to.
/// </summary>
public static class ApiSendFailures
{
    /// <summary>
    /// Runs one send within the message's deadline; whatever goes wrong ends as the message's failure.
    /// </summary>
    public static async Task<SendResult> RunAsync(SmtpEndpoint endpoint, OutboxMessage message,
        Func<CancellationToken, Task<SendResult>> send, CancellationToken ct)
    {
        try
        {
            return await Deadline.RunAsync(endpoint.SendLimit(message.Mime.Length),
                $"Sending the message through {endpoint.Transport.Describe()} at {endpoint.Host}", send, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return SendResult.Refused(FromException(exception, endpoint));
        }
    }

    public static SendFailure FromException(Exception exception, SmtpEndpoint endpoint) => exception switch
    {
        HttpRequestException { InnerException: SocketException socket } => new SendFailure(
            ConnectionDiagnostics.FromSocket(socket, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds,
                ConnectionDiagnostics.ApiPorts),
                socket.Message, true),
        HttpRequestException { InnerException: AuthenticationException tls } => new SendFailure(
            ConnectionDiagnostics.TlsHandshakeFailed(tls, "Check the host and port (HTTPS, usually 443): the service's "
                + "certificate must be one this machine trusts."), tls.Message, false),
        TimeoutException timeout => new SendFailure(
            ConnectionDiagnostics.TimedOut(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds), timeout.Message,
                true),
        HttpRequestException or IOException or OperationCanceledException => new SendFailure(new Diagnostic(
            DiagnosticCode.TemporaryFailure,
            $"The request to {endpoint.Host} failed: {exception.GetBaseException().Message}",
            "Nothing to do: the message is retried."), exception.GetBaseException().Message, true),
        _ => new SendFailure(new Diagnostic(DiagnosticCode.Unknown, $"Sending failed unexpectedly: {exception.Message}",
            "Check the server's settings with its test, then retry the message."), exception.Message, false),
    };

    /// <summary>
    /// As over SMTP: a refused token is replaced once; refused again, the app's permission is wrong and the message is
    /// held.
    /// </summary>
    /// <param name="fix">What to check when a new token is refused as well.</param>
    public static SendFailure TokenRefused(ApiError error, SmtpEndpoint endpoint, OutboxMessage message, string fix)
    {
        var again = message.Attempts.Any(a => a.DiagnosticCode == nameof(DiagnosticCode.OAuthTokenRejected));
        return new SendFailure(new Diagnostic(DiagnosticCode.OAuthTokenRejected,
            $"{Capitalized(endpoint.Transport.Describe())} refused the access token for {endpoint.Username}"
                + $"{(again ? " again, after a new one was fetched" : "")}: {error.Message}",
            again ? fix : "Nothing to do yet: a new access token is fetched and the message retried."),
            error.Reply, Temporary: !again, NeedsConfiguration: again);
    }

    public static SendFailure Permanent(ApiError error, Diagnostic diagnostic) => new(diagnostic, error.Reply, false);

    public static SendFailure Temporary(ApiError error, Diagnostic diagnostic) => new(diagnostic, error.Reply, true);

    /// <summary>Held until someone changes the settings: sending again unchanged would only be refused again.</summary>
    public static SendFailure NeedsConfiguration(ApiError error, Diagnostic diagnostic) =>
        new(diagnostic, error.Reply, false, NeedsConfiguration: true);

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
