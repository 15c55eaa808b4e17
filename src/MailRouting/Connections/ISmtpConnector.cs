using MailKit.Net.Smtp;

namespace MailRouting.Connections;

/// <summary>
/// Opens the connection a delivery session runs over: the seam between the outbox's logic and the network, so unit tests can
/// hand MailKit a scripted server conversation while the real MTA proves the whole path.
/// </summary>
public interface ISmtpConnector
{
    Task ConnectAsync(SmtpClient client, SmtpEndpoint endpoint, CancellationToken ct);
}
