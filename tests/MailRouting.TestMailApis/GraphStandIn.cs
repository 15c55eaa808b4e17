using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace MailRouting.TestMailApis;

/// <summary>
/// The part of Microsoft Graph MailRouting uses, on loopback: POST /v1.0/users/{mailbox}/sendMail with base64 MIME
/// (https://learn.microsoft.com/graph/api/user-sendmail, https://learn.microsoft.com/graph/outlook-send-mime-message).
/// Bearer tokens are checked at the test authorization server; an app's own token may send as any mailbox its access
/// policy allows, a mailbox's token only as that mailbox. From must be the mailbox or one it has Send As on
/// (ErrorSendAsDenied otherwise). At most 4 requests per mailbox run at once, and throttling is scripted, both answered
/// with 429 and Retry-After (https://learn.microsoft.com/graph/throttling-limits). Accepted mail is handed to the test
/// Postfix without its Bcc header, as Exchange would deliver it.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    public const int MaxConcurrentPerMailbox = 4;
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    private readonly WebApplication app;
    private readonly GraphStandInOptions options;
    private readonly HttpClient http = new();
    private readonly ConcurrentQueue<GraphCall> calls = new();
    private readonly ConcurrentDictionary<string, int> running = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> mostAtOnce = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Count, TimeSpan RetryAfter)> throttles = new(StringComparer.OrdinalIgnoreCase);

    private GraphStandIn(WebApplication app, GraphStandInOptions options)
    {
        this.app = app;
        this.options = options;
    }

    /// <summary>http://127.0.0.1:port/, the Graph host a server in the tests names.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<GraphCall> Calls => calls;

    /// <summary>The mailboxes an app's own token may send as (an application access policy); null: every mailbox.</summary>
    public IReadOnlySet<string>? AppAccessPolicy { get; set; }

    /// <summary>How long each accepted request takes, so requests overlap as they do against the real service.</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<GraphStandIn> StartAsync(GraphStandInOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphStandIn(app, options);
        app.MapPost("/v1.0/users/{mailbox}/sendMail", (Delegate)standIn.SendMailAsync);
        await app.StartAsync();
        standIn.BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> requests for the mailbox are answered 429 with this Retry-After.</summary>
    public void ThrottleNext(string mailbox, int count, TimeSpan retryAfter) => throttles[mailbox] = (count, retryAfter);

    /// <summary>The most requests for the mailbox that were being answered at once.</summary>
    public int MostAtOnce(string mailbox) => mostAtOnce.GetValueOrDefault(mailbox);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }

    /// <summary>The requests for the mailbox being answered now.</summary>
    public int Answering(string mailbox) => running.GetValueOrDefault(mailbox);

    private async Task SendMailAsync(HttpContext context, string mailbox)
    {
        var arrived = DateTimeOffset.UtcNow;
        var (status, messageId, asApp) = await AnswerAsync(context, mailbox);
        calls.Enqueue(new GraphCall(mailbox, asApp, status, messageId, arrived));
    }

    private async Task<(int Status, string? MessageId, bool AsApp)> AnswerAsync(HttpContext context, string mailbox)
    {
        var subject = await SubjectAsync(context.Request.Headers.Authorization.ToString());
        if (subject is null)
        {
            return (await ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token is empty or invalid."), null, false);
        }

        var asApp = subject == options.AppClientId;
        if (asApp ? AppAccessPolicy is { } policy && !policy.Contains(mailbox) : !subject.Equals(mailbox, StringComparison.OrdinalIgnoreCase))
        {
            return (await ErrorAsync(context, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."), null, asApp);
        }

        if (Throttled(mailbox) is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await ErrorAsync(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit."), null, asApp);
        }

        var atOnce = running.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
        try
        {
            if (atOnce > MaxConcurrentPerMailbox)
            {
                context.Response.Headers.RetryAfter = "1";
                return (await ErrorAsync(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit."), null,
                    asApp);
            }

            mostAtOnce.AddOrUpdate(mailbox, atOnce, (_, most) => Math.Max(most, atOnce));
            return await AcceptAsync(context, mailbox, asApp);
        }
        finally
        {
            running.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
        }
    }

    private async Task<(int Status, string? MessageId, bool AsApp)> AcceptAsync(HttpContext context, string mailbox, bool asApp)
    {
        if (context.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (await ErrorAsync(context, 400, "ErrorMimeContentInvalid", "The MIME content is missing: send it as text/plain."), null,
                asApp);
        }

        var body = await new StreamReader(context.Request.Body, Encoding.ASCII).ReadToEndAsync();
        if (body.Length > MaxRequestBytes)
        {
            return (await ErrorAsync(context, 413, "RequestEntityTooLarge", "The request is larger than 4 MB."), null, asApp);
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(Convert.FromBase64String(body)));
        }
        catch (FormatException)
        {
            return (await ErrorAsync(context, 400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content."), null,
                asApp);
        }

        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        if (!from.Equals(mailbox, StringComparison.OrdinalIgnoreCase)
            && !options.SendAs.GetValueOrDefault(mailbox, []).Contains(from, StringComparer.OrdinalIgnoreCase))
        {
            return (await ErrorAsync(context, 403, "ErrorSendAsDenied", "The user account which was used to submit this request does not "
                + "have the right to send mail on behalf of the specified sending account. Cannot submit message."), message.MessageId, asApp);
        }

        await Task.Delay(Latency);
        await HandOnAsync(message, from);
        context.Response.StatusCode = 202;
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        return (202, message.MessageId, asApp);
    }

    /// <summary>Delivers as Exchange would: to everyone in To, Cc and Bcc, with the Bcc header removed.</summary>
    private async Task HandOnAsync(MimeMessage message, string from)
    {
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
        message.Bcc.Clear();
        var (login, password) = options.Mailboxes.TryGetValue(from, out var own) ? (from, own) : options.Relay;
        using var smtp = new SmtpClient
        {
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Equals(options.SubmissionCertificateSha256,
                    StringComparison.OrdinalIgnoreCase),
        };
        await smtp.ConnectAsync(options.SubmissionHost, options.SubmissionPort, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(login, password);
        await smtp.SendAsync(message, MailboxAddress.Parse(from), recipients);
        await smtp.DisconnectAsync(true);
    }

    private TimeSpan? Throttled(string mailbox)
    {
        while (throttles.TryGetValue(mailbox, out var throttle) && throttle.Count > 0)
        {
            if (throttles.TryUpdate(mailbox, (throttle.Count - 1, throttle.RetryAfter), throttle))
            {
                return throttle.RetryAfter;
            }
        }

        return null;
    }

    /// <returns>The token's subject (a mailbox, or the app's client id), or null when it is not an active token.</returns>
    private async Task<string?> SubjectAsync(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Introspection)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("token", authorization["Bearer ".Length..])]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.IntrospectionClientId}:{options.IntrospectionClientSecret}")));
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True
            && json.RootElement.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
    }

    private static async Task<int> ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = new { code, message } });
        return status;
    }
}
