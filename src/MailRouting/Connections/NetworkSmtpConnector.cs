using MailKit.Net.Smtp;

namespace MailRouting.Connections;

/// <summary>Connects over TCP (and TLS, as the endpoint says).</summary>
public sealed class NetworkSmtpConnector : ISmtpConnector
{
    public Task ConnectAsync(SmtpClient client, SmtpEndpoint endpoint, CancellationToken ct) =>
        client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.SocketOptions, ct);
}
