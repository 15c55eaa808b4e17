using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MailRouting.Connections;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// Sends a message too large for sendMail the way Graph documents for large attachments
/// (https://learn.microsoft.com/graph/outlook-large-attachments): the MIME without its largest attachments becomes a
/// draft, each attachment is added (one request under 3 MB, an upload session in chunks above), and the draft is
/// sent. A draft left by a failure is deleted, so a retry starts clean and nothing half-built stays in the mailbox.
/// </summary>
public sealed class GraphDraftSend(HttpClient client, SmtpEndpoint endpoint, OutboxMessage message)
{
    /// <summary>Graph takes an attachment inside one request below 3 MB.</summary>
    public const int MaxInlineAttachmentBytes = 3 * 1024 * 1024;

    /// <summary>Each chunk of an upload session: a multiple of 320 KiB, as Graph asks, under its 4 MB.</summary>
    public const int ChunkBytes = 12 * 320 * 1024;

    private Uri Messages => new(endpoint.ApiBase,
        $"v1.0/users/{Uri.EscapeDataString(endpoint.Username!)}/messages");

    public async Task<SendResult> SendAsync(GraphLargeMessage large, CancellationToken ct)
    {
        using var created = await AuthorizedAsync(HttpMethod.Post, Messages, Base64Text(large.Draft), ct);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            return await RefusedAsync(created, ct);
        }

        var draft = new Uri($"{Messages}/{Uri.EscapeDataString(await PropertyAsync(created, "id", ct))}");
        try
        {
            foreach (var attachment in large.Attachments)
            {
                using var refused = attachment.Content.Length < MaxInlineAttachmentBytes
                    ? await AttachAsync(draft, attachment, ct)
                    : await UploadAsync(draft, attachment, ct);
                if (refused is not null)
                {
                    return await DeletedAfterAsync(draft, await RefusedAsync(refused, ct));
                }
            }

            using var sent = await AuthorizedAsync(HttpMethod.Post, new Uri($"{draft}/send"), null, ct);
            return sent.StatusCode == HttpStatusCode.Accepted
                ? SendResult.Accepted($"202 Accepted by Microsoft Graph (a draft with {large.Attachments.Count} "
                    + "attachment(s) added separately, for its size)")
                : await DeletedAfterAsync(draft, await RefusedAsync(sent, ct));
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await DeleteAsync(draft);
            throw;
        }
    }

    private async Task<HttpResponseMessage?> AttachAsync(Uri draft, GraphAttachment attachment, CancellationToken ct)
    {
        var response = await AuthorizedAsync(HttpMethod.Post, new Uri($"{draft}/attachments"), JsonContent.Create(
            new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.fileAttachment", ["name"] = attachment.Name,
                ["contentType"] = attachment.ContentType, ["contentBytes"] = Convert.ToBase64String(attachment.Content),
            }), ct);
        return KeptIfRefused(response, HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage?> UploadAsync(Uri draft, GraphAttachment attachment, CancellationToken ct)
    {
        var session = await AuthorizedAsync(HttpMethod.Post, new Uri($"{draft}/attachments/createUploadSession"),
            JsonContent.Create(new
            {
                AttachmentItem = new
                {
                    attachmentType = "file", name = attachment.Name, size = attachment.Content.Length,
                    contentType = attachment.ContentType,
                },
            }), ct);
        if (session.StatusCode != HttpStatusCode.Created)
        {
            return session;
        }

        var uploadUrl = await UploadUrlAsync(session, ct);
        for (var from = 0; from < attachment.Content.Length; from += ChunkBytes)
        {
            var count = Math.Min(ChunkBytes, attachment.Content.Length - from);
            // The upload URL carries its own authorization: Graph refuses a request that also sends the token.
            using var chunk = new HttpRequestMessage(HttpMethod.Put, uploadUrl)
            {
                Content = new ByteArrayContent(attachment.Content, from, count)
                {
                    Headers = { ContentRange = new ContentRangeHeaderValue(from, from + count - 1,
                        attachment.Content.Length) },
                },
            };
            var response = await client.SendAsync(chunk, ct);
            if (!response.IsSuccessStatusCode)
            {
                return response;
            }

            response.Dispose();
        }

        return null;
    }

    private async Task<SendResult> DeletedAfterAsync(Uri draft, SendResult refused)
    {
        await DeleteAsync(draft);
        return refused;
    }

    /// <summary>Best effort: a draft that cannot be deleted only stays in the mailbox's Drafts folder.</summary>
    private async Task DeleteAsync(Uri draft)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(endpoint.TimeoutSeconds));
            using var _ = await AuthorizedAsync(HttpMethod.Delete, draft, null, deadline.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // The send's own failure is what the message records.
        }
    }

    private async Task<HttpResponseMessage> AuthorizedAsync(HttpMethod method, Uri uri, HttpContent? content,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Password);
        return await client.SendAsync(request, ct);
    }

    private async Task<SendResult> RefusedAsync(HttpResponseMessage response, CancellationToken ct) =>
        SendResult.Refused(GraphAnswers.Explain(await ApiError.ReadAsync(response, ct), endpoint, message));

    private static HttpResponseMessage? KeptIfRefused(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            return response;
        }

        response.Dispose();
        return null;
    }

    /// <summary>Where the chunks go: only over HTTPS, or to the Graph host the server names.</summary>
    private async Task<Uri> UploadUrlAsync(HttpResponseMessage session, CancellationToken ct)
    {
        using (session)
        {
            var url = new Uri(await PropertyAsync(session, "uploadUrl", ct));
            return url.Scheme == Uri.UriSchemeHttps || url.Authority == endpoint.ApiBase.Authority
                ? url
                : throw new HttpRequestException($"Microsoft Graph gave an upload address that is not HTTPS: {url}");
        }
    }

    private static async Task<string> PropertyAsync(HttpResponseMessage response, string name, CancellationToken ct)
    {
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct),
            cancellationToken: ct);
        return json.RootElement.GetProperty(name).GetString()
            ?? throw new HttpRequestException($"Microsoft Graph answered without \"{name}\".");
    }

    /// <summary>MIME as Graph takes it: base64 text.</summary>
    public static HttpContent Base64Text(byte[] mime) => new ByteArrayContent(
        Encoding.ASCII.GetBytes(Convert.ToBase64String(mime)))
    {
        Headers = { ContentType = new MediaTypeHeaderValue("text/plain") },
    };
}
