using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MimeKit;

namespace MailRouting.TestMailApis;

/// <summary>
/// The part of Microsoft Graph MailRouting uses, on loopback: POST /v1.0/users/{mailbox}/sendMail with base64 MIME
/// (https://learn.microsoft.com/graph/api/user-sendmail, https://learn.microsoft.com/graph/outlook-send-mime-message).
/// Bearer tokens are checked at the test authorization server; an app's own token may send as any mailbox its access
/// policy allows, a mailbox's token only as that mailbox. From must be the mailbox or one it has Send As on
/// (ErrorSendAsDenied otherwise). At most 4 requests per mailbox run at once, and throttling is scripted, both answered
/// with 429 and Retry-After (https://learn.microsoft.com/graph/throttling-limits). Accepted mail is handed to the test
/// Postfix without its Bcc header, as Exchange would deliver it. Larger messages go as drafts
/// (<see cref="GraphDrafts"/>).
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    public const int MaxConcurrentPerMailbox = 4;
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    private readonly MailApiOptions options;
    private readonly TokenCheck tokens;
    private readonly PostfixHandOff postfix;
    private readonly ScriptedThrottles throttles = new();
    private readonly ConcurrentQueue<ApiCall> calls = new();
    private readonly ConcurrentDictionary<string, int> running = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> mostAtOnce = new(StringComparer.OrdinalIgnoreCase);
    private readonly GraphDrafts drafts;
    private int accepted;
    private WebApplication app = null!;

    private GraphStandIn(MailApiOptions options)
    {
        this.options = options;
        drafts = new GraphDrafts(() => BaseAddress);
        tokens = new TokenCheck(options.Introspection, options.IntrospectionClientId,
            options.IntrospectionClientSecret, options.CacheTokens);
        postfix = new PostfixHandOff(options);
    }

    /// <summary>http://127.0.0.1:port/, the Graph host a server in the tests names.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<ApiCall> Calls => calls;

    /// <summary>
    /// The mailboxes an app's own token may send as (an application access policy); null: every mailbox.
    /// </summary>
    public IReadOnlySet<string>? AppAccessPolicy { get; set; }

    /// <summary>
    /// How long each accepted request takes, so requests overlap as they do against the real service.
    /// </summary>
    public TimeSpan Latency { get; set; }

    public static async Task<GraphStandIn> StartAsync(MailApiOptions options)
    {
        var standIn = new GraphStandIn(options);
        (standIn.app, standIn.BaseAddress) = await LoopbackHost.StartAsync(standIn.Map);
        return standIn;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests for the mailbox are answered 429 with this Retry-After.
    /// </summary>
    public void ThrottleNext(string mailbox, int count, TimeSpan retryAfter) =>
        throttles.ThrottleNext(mailbox, count, retryAfter);

    /// <summary>The most requests for the mailbox that were being answered at once.</summary>
    public int MostAtOnce(string mailbox) => mostAtOnce.GetValueOrDefault(mailbox);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        tokens.Dispose();
    }

    /// <summary>Messages accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The requests for the mailbox being answered now.</summary>
    public int Answering(string mailbox) => running.GetValueOrDefault(mailbox);

    /// <summary>Drafts of the mailbox created and neither sent nor deleted.</summary>
    public int DraftsLeft(string mailbox) => drafts.Left(mailbox);

    private void Map(WebApplication app)
    {
        const string users = "/v1.0/users/{mailbox}";
        app.MapPost($"{users}/sendMail", (HttpContext context, string mailbox) =>
            SendAsync(context, mailbox, false, async _ =>
                await MimeAsync(context) is { } message
                    ? await DeliverAsync(context, mailbox, message)
                    : (context.Response.StatusCode, null)));
        app.MapPost($"{users}/messages/{{id}}/send", (HttpContext context, string mailbox, string id) =>
            SendAsync(context, mailbox, true, async _ => drafts.Take(mailbox, id) is { } message
                ? await DeliverAsync(context, mailbox, message)
                : (await GraphDrafts.NotFound(context), null)));
        app.MapPost($"{users}/messages", (HttpContext context, string mailbox) =>
            RequestAsync(context, mailbox, async _ => await MimeAsync(context) is { } message
                ? await drafts.CreateAsync(context, mailbox, message)
                : (context.Response.StatusCode, null)));
        app.MapPost($"{users}/messages/{{id}}/attachments", (HttpContext context, string mailbox, string id) =>
            RequestAsync(context, mailbox, _ => drafts.AttachAsync(context, mailbox, id)));
        app.MapPost($"{users}/messages/{{id}}/attachments/createUploadSession",
            (HttpContext context, string mailbox, string id) =>
                RequestAsync(context, mailbox, _ => drafts.CreateUploadSessionAsync(context, mailbox, id)));
        app.MapDelete($"{users}/messages/{{id}}", (HttpContext context, string mailbox, string id) =>
            RequestAsync(context, mailbox, async _ => drafts.Take(mailbox, id) is { } message
                ? (context.Response.StatusCode = 204, message.MessageId)
                : (await GraphDrafts.NotFound(context), null)));
        app.MapPut("/upload/{session}", drafts.PutAsync);
    }

    /// <summary>A request that does not send: its answer is written by <paramref name="answer"/> alone.</summary>
    private async Task RequestAsync(HttpContext context, string mailbox,
        Func<bool, Task<(int Status, string? MessageId)>> answer) => await GuardedAsync(context, mailbox, answer);

    /// <summary>A request that sends, recorded in <see cref="Calls"/>.</summary>
    private async Task SendAsync(HttpContext context, string mailbox, bool draft,
        Func<bool, Task<(int Status, string? MessageId)>> answer)
    {
        var arrived = DateTimeOffset.UtcNow;
        var (status, messageId, asApp) = await GuardedAsync(context, mailbox, answer);
        calls.Enqueue(new ApiCall(mailbox, asApp, status, messageId, arrived, draft));
    }

    /// <summary>
    /// The checks every request for a mailbox passes first: its token, the app's access policy, scripted throttling and
    /// the 4 requests at once.
    /// </summary>
    private async Task<(int Status, string? MessageId, bool AsApp)> GuardedAsync(HttpContext context, string mailbox,
        Func<bool, Task<(int Status, string? MessageId)>> answer)
    {
        var subject = await tokens.SubjectAsync(context.Request.Headers.Authorization.ToString());
        if (subject is null)
        {
            return (await Error(context, 401, "InvalidAuthenticationToken", "Access token is empty or invalid."), null,
                false);
        }

        var asApp = subject == options.AppClientId;
        if (asApp ? AppAccessPolicy is { } policy && !policy.Contains(mailbox) : !subject.Equals(mailbox,
            StringComparison.OrdinalIgnoreCase))
        {
            return (await Error(context, 403, "ErrorAccessDenied",
                "Access is denied. Check credentials and try again."), null, asApp);
        }

        if (throttles.Take(mailbox) is { } wait)
        {
            context.Response.Headers.RetryAfter =
                ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await Error(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency "
                + "limit."), null, asApp);
        }

        var atOnce = running.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
        try
        {
            if (atOnce > MaxConcurrentPerMailbox)
            {
                context.Response.Headers.RetryAfter = "1";
                return (await Error(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency "
                    + "limit."), null,
                    asApp);
            }

            mostAtOnce.AddOrUpdate(mailbox, atOnce, (_, most) => Math.Max(most, atOnce));
            var (status, messageId) = await answer(asApp);
            return (status, messageId, asApp);
        }
        finally
        {
            running.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
        }
    }

    /// <summary>
    /// The request's base64 MIME; null when it is not there or not readable, with the error answered.
    /// </summary>
    private static async Task<MimeMessage?> MimeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Error(context, 400, "ErrorMimeContentInvalid", "The MIME content is missing: send it as text/plain.");
            return null;
        }

        var body = await new StreamReader(context.Request.Body, Encoding.ASCII).ReadToEndAsync();
        if (body.Length > MaxRequestBytes)
        {
            await Error(context, 413, "RequestEntityTooLarge", "The request is larger than 4 MB.");
            return null;
        }

        try
        {
            return MimeMessage.Load(new MemoryStream(Convert.FromBase64String(body)));
        }
        catch (FormatException)
        {
            await Error(context, 400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.");
            return null;
        }
    }

    private async Task<(int Status, string? MessageId)> DeliverAsync(HttpContext context, string mailbox,
        MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        if (!from.Equals(mailbox, StringComparison.OrdinalIgnoreCase)
            && !options.SendAs.GetValueOrDefault(mailbox, []).Contains(from, StringComparer.OrdinalIgnoreCase))
        {
            return (await Error(context, 403, "ErrorSendAsDenied", "The user account which was used to submit this "
                + "request does not have the right to send mail on behalf of the specified sending account. Cannot "
                + "submit message."), message.MessageId);
        }

        await Task.Delay(Latency);
        if (options.HandOff)
        {
            await postfix.DeliverAsync(message);
        }

        Interlocked.Increment(ref accepted);
        context.Response.StatusCode = 202;
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        return (202, message.MessageId);
    }

    private static Task<int> Error(HttpContext context, int status, string code, string message) =>
        LoopbackHost.ErrorAsync(context, status, new { code, message });
}
