using MailKit;
using MailKit.Net.Smtp;
using MailRouting.Connections;
using MailRouting.Dkim;
using MimeKit;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// Sends over the worker's SMTP sessions, kept open between passes so one login's messages share a session. A server
/// that signs (<see cref="SmtpEndpoint.SignWithDkim"/>) signs each attempt anew with the From domain's DKIM keys.
/// </summary>
public sealed class SmtpTransport(SmtpSessions sessions, DkimSigners dkim) : IMessageTransport
{
    public IReadOnlyCollection<(string Account, int Lane)> Open => sessions.Open;

    public string AccountOf(SmtpEndpoint endpoint) => SmtpSessions.AccountOf(endpoint);

    public async Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct)
    {
        try
        {
            using var stream = new MemoryStream(message.Mime, writable: false);
            var mime = await MimeMessage.LoadAsync(stream, persistent: true, ct);
            if (endpoint.SignWithDkim)
            {
                await dkim.SignAsync(mime, ct);
            }

            return SendResult.Accepted($"250 {await SendReopeningOnceAsync(endpoint, lane, message, mime, ct)}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failure = SmtpSendFailures.Explain(exception, endpoint, message);
            if (failure.Temporary)
            {
                sessions.Drop(endpoint, lane);
            }

            return SendResult.Refused(failure);
        }
    }

    /// <summary>
    /// A reused session the server has meanwhile closed (idle time-out, 421) is reopened once, without costing an
    /// attempt.
    /// </summary>
    private async Task<string> SendReopeningOnceAsync(SmtpEndpoint endpoint, int lane, OutboxMessage message, MimeMessage mime,
        CancellationToken ct)
    {
        var (client, reused) = await sessions.ForAsync(endpoint, ct, lane);
        try
        {
            return await SendWithinLimitAsync(client, endpoint, message, mime, ct);
        }
        catch (Exception exception) when (reused && exception is IOException or ServiceNotConnectedException or SmtpProtocolException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable })
        {
            sessions.Drop(endpoint, lane);
            (client, _) = await sessions.ForAsync(endpoint, ct, lane);
            return await SendWithinLimitAsync(client, endpoint, message, mime, ct);
        }
    }

    private static Task<string> SendWithinLimitAsync(SmtpClient client, SmtpEndpoint endpoint, OutboxMessage message, MimeMessage mime,
        CancellationToken ct) =>
        Deadline.RunAsync(endpoint.SendLimit(message.Mime.Length), $"Sending the message to {endpoint.Host}:{endpoint.Port}",
            token => client.SendAsync(mime, MailboxAddress.Parse(message.EnvelopeFrom), message.Recipients.Select(MailboxAddress.Parse), token), ct);
}
