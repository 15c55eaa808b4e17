using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MimeKit;

namespace MailRouting.TestMailApis;

/// <summary>
/// The part of the Gmail API MailRouting uses, on loopback: users.messages.send with the raw MIME as base64url JSON, or
/// as a media upload for large messages (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send,
/// https://developers.google.com/gmail/api/guides/uploads). A mailbox's token may send only as that mailbox; a From
/// that is neither the mailbox nor one of its send-as aliases is replaced by the mailbox's address, as Gmail does.
/// Scripted throttling is answered 429 rateLimitExceeded
/// (https://developers.google.com/gmail/api/guides/handle-errors). Accepted mail goes to the test Postfix.
/// </summary>
public sealed class GmailStandIn : IAsyncDisposable
{
    /// <summary>The largest message Gmail sends, the upload included.</summary>
    public const int MaxMessageBytes = 35 * 1024 * 1024;

    /// <summary>The largest request with the message inside its JSON; larger ones must be uploads.</summary>
    public const int MaxJsonRequestBytes = 5 * 1024 * 1024;

    private readonly MailApiOptions options;
    private readonly TokenCheck tokens;
    private readonly PostfixHandOff postfix;
    private readonly ScriptedThrottles throttles = new();
    private readonly ConcurrentQueue<ApiCall> calls = new();
    private readonly ConcurrentDictionary<string, bool> limited = new(StringComparer.OrdinalIgnoreCase);
    private WebApplication app = null!;

    private GmailStandIn(MailApiOptions options)
    {
        this.options = options;
        tokens = new TokenCheck(options.Introspection, options.IntrospectionClientId,
            options.IntrospectionClientSecret);
        postfix = new PostfixHandOff(options);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<ApiCall> Calls => calls;

    public static async Task<GmailStandIn> StartAsync(MailApiOptions options)
    {
        var standIn = new GmailStandIn(options);
        (standIn.app, standIn.BaseAddress) = await LoopbackHost.StartAsync(app =>
        {
            app.MapPost("/gmail/v1/users/{userId}/messages/send", (HttpContext context, string userId) =>
                standIn.SendAsync(context, userId, upload: false));
            app.MapPost("/upload/gmail/v1/users/{userId}/messages/send", (HttpContext context, string userId) =>
                standIn.SendAsync(context, userId, upload: true));
        });
        return standIn;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests for the mailbox are answered 429 rateLimitExceeded.
    /// </summary>
    public void ThrottleNext(string mailbox, int count) => throttles.ThrottleNext(mailbox, count, TimeSpan.Zero);

    /// <summary>
    /// While set, every send of the mailbox is answered 403 dailyLimitExceeded, as when its daily sending limit is
    /// reached (https://developers.google.com/gmail/api/guides/handle-errors,
    /// https://support.google.com/a/answer/166852).
    /// </summary>
    public void DailyLimitReached(string mailbox, bool reached)
    {
        if (reached)
        {
            limited.TryAdd(mailbox, true);
        }
        else
        {
            limited.TryRemove(mailbox, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        tokens.Dispose();
    }

    private async Task SendAsync(HttpContext context, string userId, bool upload)
    {
        var arrived = DateTimeOffset.UtcNow;
        var (status, messageId) = await AnswerAsync(context, userId, upload);
        calls.Enqueue(new ApiCall(userId, false, status, messageId, arrived, upload));
    }

    private async Task<(int Status, string? MessageId)> AnswerAsync(HttpContext context, string userId, bool upload)
    {
        var subject = await tokens.SubjectAsync(context.Request.Headers.Authorization.ToString());
        if (subject is null)
        {
            return (await Error(context, 401, "authError", "Invalid Credentials"), null);
        }

        if (!subject.Equals(userId, StringComparison.OrdinalIgnoreCase) && userId != "me")
        {
            return (await Error(context, 403, "forbidden", "Delegation denied for " + subject), null);
        }

        if (throttles.Take(userId) is not null)
        {
            return (await Error(context, 429, "rateLimitExceeded", "Too many concurrent requests for user."), null);
        }

        if (limited.ContainsKey(userId))
        {
            return (await Error(context, 403, "dailyLimitExceeded", "Daily Limit Exceeded"), null);
        }

        if (await ReadAsync(context, upload) is not { } message)
        {
            return (await Error(context, 400, "badRequest", upload
                ? "Media type 'message/rfc822' is required, with uploadType=media."
                : "'raw' RFC822 payload message string or uploading message via /upload/* URL required"), null);
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || (!from.Address.Equals(subject, StringComparison.OrdinalIgnoreCase)
            && !options.SendAs.GetValueOrDefault(subject, []).Contains(from.Address, StringComparer.OrdinalIgnoreCase)))
        {
            message.From.Clear();
            message.From.Add(new MailboxAddress(from?.Name, subject));
        }

        await postfix.DeliverAsync(message);
        await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N")[..16],
            threadId = Guid.NewGuid().ToString("N")[..16],
            labelIds = new[] { "SENT" } });
        return (200, message.MessageId);
    }

    private static async Task<MimeMessage?> ReadAsync(HttpContext context, bool upload)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > (upload ? MaxMessageBytes : MaxJsonRequestBytes))
        {
            return null;
        }

        body.Position = 0;
        if (upload)
        {
            return context.Request.Query["uploadType"] == "media" && context.Request.ContentType == "message/rfc822"
                ? await MimeMessage.LoadAsync(body) : null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(body);
            return json.RootElement.TryGetProperty("raw", out var raw) && raw.GetString() is { } text
                ? await MimeMessage.LoadAsync(new MemoryStream(Convert.FromBase64String(Base64Padded(text.Replace('-',
                    '+').Replace('_', '/')))))
                : null;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Base64Padded(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');

    private static Task<int> Error(HttpContext context, int status, string reason, string message) =>
        LoopbackHost.ErrorAsync(context, status, new
        {
            code = status, message, errors = new[] { new { domain = "global", reason, message } },
        });
}
