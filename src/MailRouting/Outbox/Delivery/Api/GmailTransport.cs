using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MailRouting.Connections;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// Sends through the Gmail API: users.messages.send with the outbox's MIME as base64url "raw", or as a media upload
/// (message/rfc822) when it is too large for a request's JSON (https://developers.google.com/gmail/api/guides/sending,
/// https://developers.google.com/gmail/api/guides/uploads). Gmail keeps the sent copy in the mailbox itself. Only a
/// connected mailbox sends as itself (scope gmail.send).
/// </summary>
public sealed class GmailTransport(IHttpClientFactory clients) : IMessageTransport
{
    /// <summary>
    /// Messages up to this size go inside the JSON (base64url adds a third, under the 5 MB a request may carry).
    /// </summary>
    public const int MaxJsonMessageBytes = 3 * 1024 * 1024;

    public IReadOnlyCollection<(string Account, int Lane)> Open => [];

    public string AccountOf(SmtpEndpoint endpoint) => SmtpSessions.AccountOf(endpoint);

    public Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct) =>
        ApiSendFailures.RunAsync(endpoint, message, token => PostAsync(message, endpoint, token), ct);

    private async Task<SendResult> PostAsync(OutboxMessage message, SmtpEndpoint endpoint, CancellationToken ct)
    {
        var mime = ApiMime.For(message);
        var user = Uri.EscapeDataString(endpoint.Username!);
        using var request = mime.Length <= MaxJsonMessageBytes
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.ApiBase, $"gmail/v1/users/{user}/messages/send"))
            {
                Content = JsonContent.Create(new { raw = Convert.ToBase64String(mime).TrimEnd('=').Replace('+',
                    '-').Replace('/', '_') }),
            }
            : new HttpRequestMessage(HttpMethod.Post,
                new Uri(endpoint.ApiBase, $"upload/gmail/v1/users/{user}/messages/send?uploadType=media"))
            {
                Content = new ByteArrayContent(mime)
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("message/rfc822") },
                },
            };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Password);
        using var response = await clients.CreateClient(DeliveryServices.MailApiClient).SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var sent = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct),
                cancellationToken: ct);
            var id = sent.RootElement.TryGetProperty("id", out var value) ? $" (id {value.GetString()})" : "";
            return SendResult.Accepted($"200 Accepted by the Gmail API{id}");
        }

        return SendResult.Refused(GmailAnswers.Explain(await ApiError.ReadAsync(response, ct), endpoint, message));
    }
}
