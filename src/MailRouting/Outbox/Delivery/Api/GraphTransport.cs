using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// Sends through Microsoft Graph: POST /v1.0/users/{mailbox}/sendMail with the outbox's MIME as base64 text
/// (https://learn.microsoft.com/graph/outlook-send-mime-message), so Message-ID and signatures are those SMTP would
/// carry. Graph files the copy in the mailbox's Sent Items itself. No session to keep: each lane is one request at a
/// time.
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
        var base64 = Convert.ToBase64String(ApiMime.For(message));
        if (base64.Length > MaxRequestBytes)
        {
            return SendResult.Refused(new SendFailure(new Diagnostic(DiagnosticCode.MessageTooLarge,
                $"Microsoft Graph takes a message as MIME only up to 4 MB once encoded; this one is "
                    + $"{base64.Length / 1048576.0:0.0} MB.",
                "Send smaller attachments (or a link to them), or send this message through an SMTP server."), null,
                    false));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(endpoint.ApiBase, $"v1.0/users/{Uri.EscapeDataString(endpoint.Username!)}/sendMail"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Password);
        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(base64));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await clients.CreateClient(DeliveryServices.MailApiClient).SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var id = response.Headers.TryGetValues("request-id", out var ids) ? $" (request-id {ids.First()})" : "";
            return SendResult.Accepted($"202 Accepted by Microsoft Graph{id}");
        }

        return SendResult.Refused(GraphAnswers.Explain(await ApiError.ReadAsync(response, ct), endpoint, message));
    }
}
