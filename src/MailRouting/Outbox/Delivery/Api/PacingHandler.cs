using System.Net;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// Sits inside the retry handler, so it sees every attempt: waits while the request's mailbox is asked to wait, and
/// records each Retry-After the service answers for it.
/// </summary>
public sealed class PacingHandler(ThrottlePacing pacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var mailbox = MailboxOf(request.RequestUri!);
        await pacing.WaitAsync(mailbox, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfter(response) is { } wait)
        {
            pacing.Hold(mailbox, wait);
        }

        return response;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>
    /// The service and the mailbox in ".../users/{mailbox}/...": both APIs name the mailbox that way.
    /// </summary>
    private static string MailboxOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var users = Array.FindIndex(segments, s => s.Equals("users", StringComparison.OrdinalIgnoreCase));
        var mailbox = users >= 0 && users + 1 < segments.Length ? Uri.UnescapeDataString(segments[users + 1]) : "";
        return $"{uri.Authority}/{mailbox}";
    }
}
