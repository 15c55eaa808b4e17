using System.Net.Sockets;
using System.Security.Authentication;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>A request to an HTTP mail API that got no answer: the network's failures, explained as for SMTP.</summary>
public static class ApiSendFailures
{
    public static SendFailure FromException(Exception exception, SmtpEndpoint endpoint) => exception switch
    {
        HttpRequestException { InnerException: SocketException socket } => new SendFailure(
            ConnectionDiagnostics.FromSocket(socket, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds), socket.Message, true),
        HttpRequestException { InnerException: AuthenticationException tls } => new SendFailure(
            ConnectionDiagnostics.TlsHandshakeFailed(tls, "Check the host and port (HTTPS, usually 443): the service's "
                + "certificate must be one this machine trusts."), tls.Message, false),
        TimeoutException timeout => new SendFailure(
            ConnectionDiagnostics.TimedOut(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds), timeout.Message, true),
        HttpRequestException or IOException or OperationCanceledException => new SendFailure(new Diagnostic(
            DiagnosticCode.TemporaryFailure, $"The request to {endpoint.Host} failed: {exception.Message}",
            "Nothing to do: the message is retried."), exception.Message, true),
        _ => new SendFailure(new Diagnostic(DiagnosticCode.Unknown, $"Sending failed unexpectedly: {exception.Message}",
            "Check the server's settings with its test, then retry the message."), exception.Message, false),
    };
}
