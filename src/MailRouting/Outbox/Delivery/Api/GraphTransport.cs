using System.Net;
using System.Net.Http.Headers;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// Sends through Microsoft Graph: POST /v1.0/users/{mailbox}/sendMail with the outbox's MIME as base64 text
/// (https://learn.microsoft.com/graph/outlook-send-mime-message), so Message-ID and signatures are those SMTP would
/// carry; a larger message goes as a draft with its attachments added separately (<see cref="GraphDraftSend"/>). Graph
/// files the copy in the mailbox's Sent Items itself. No session to keep: each lane is one request at a time.
/// </summary>
public sealed class GraphTransport(IHttpClientFactory clients) : IMessageTransport
{
    /// <summary>Graph takes a request of up to 4 MB, the base64 MIME included.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public IReadOnlyCollection<(string Account, int Lane)> Open => [];

    public string AccountOf(SmtpEndpoint endpoint) => SmtpSessions.AccountOf(endpoint);

    public Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct) =>
        ApiSendFailures.RunAsync(endpoint, message, token => PostAsync(message, endpoint, token), ct);

    private async Task<SendResult> PostAsync(OutboxMessage message, SmtpEndpoint endpoint, CancellationToken ct)
    {
        var mime = ApiMime.For(message);
        var client = clients.CreateClient(DeliveryServices.MailApiClient);
        if (GraphLargeMessage.Base64Length(mime) > MaxRequestBytes)
        {
            return GraphLargeMessage.Split(mime, MaxRequestBytes) is { } large
                ? await new GraphDraftSend(client, endpoint, message).SendAsync(large, ct)
                : TooLarge(mime);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(endpoint.ApiBase, $"v1.0/users/{Uri.EscapeDataString(endpoint.Username!)}/sendMail"))
        {
            Content = GraphDraftSend.Base64Text(mime),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Password);
        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var id = response.Headers.TryGetValues("request-id", out var ids) ? $" (request-id {ids.First()})" : "";
            return SendResult.Accepted($"202 Accepted by Microsoft Graph{id}");
        }

        return SendResult.Refused(GraphAnswers.Explain(await ApiError.ReadAsync(response, ct), endpoint, message));
    }

    private static SendResult TooLarge(byte[] mime) => SendResult.Refused(new SendFailure(new Diagnostic(
        DiagnosticCode.MessageTooLarge,
        $"Microsoft Graph takes a message as MIME only up to 4 MB once encoded; this one is "
            + $"{GraphLargeMessage.Base64Length(mime) / 1048576.0:0.0} MB even without its attachments.",
        "Shorten the message's text or inline images, or send this message through an SMTP server."), null, false));
}
