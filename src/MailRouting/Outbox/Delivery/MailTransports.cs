using MailRouting.Connections;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// The worker's transport: each login's messages go the way its server carries them, SMTP or an HTTP mail API.
/// </summary>
public sealed class MailTransports(SmtpTransport smtp, GraphTransport graph, GmailTransport gmail) : IMessageTransport
{
    /// <summary>Only SMTP keeps sessions open between passes; an API's lanes end with the pass.</summary>
    public IReadOnlyCollection<(string Account, int Lane)> Open => smtp.Open;

    public string AccountOf(SmtpEndpoint endpoint) => For(endpoint).AccountOf(endpoint);

    public Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct) =>
        For(endpoint).SendAsync(message, endpoint, lane, ct);

    private IMessageTransport For(SmtpEndpoint endpoint) => endpoint.Transport switch
    {
        ServerTransport.MicrosoftGraph => graph,
        ServerTransport.GmailApi => gmail,
        _ => smtp,
    };
}
