using System.Net;
using System.Text.Json;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// What an HTTP mail API said when it refused: its status, its error code and message. Microsoft Graph and Google both
/// answer <c>{"error": {"code": ..., "message": ...}}</c> (Google's code is a number; its reason is in
/// errors[0].reason).
/// </summary>
public sealed record ApiError(HttpStatusCode Status, string Code, string Message, TimeSpan? RetryAfter)
{
    public int StatusNumber => (int)Status;

    /// <summary>"403 ErrorSendAsDenied: ...", as the attempt shows it.</summary>
    public string Reply => $"{StatusNumber} {Code}: {Message}".Trim();

    public static async Task<ApiError> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var retryAfter = PacingHandler.RetryAfter(response);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new ApiError(response.StatusCode, CodeOf(error), Text(error, "message"), retryAfter);
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape (a proxy's page, say): the status and the start of the body say enough.
        }

        return new ApiError(response.StatusCode, response.ReasonPhrase ?? "", body.Length > 200 ? body[..200] : body,
            retryAfter);
    }

    private static string CodeOf(JsonElement error) =>
        error.TryGetProperty("errors",
            out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            && Text(errors[0], "reason") is { Length: > 0 } reason
            ? reason
            : Text(error, "code");

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name,
            out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.ToString() : "";
}
