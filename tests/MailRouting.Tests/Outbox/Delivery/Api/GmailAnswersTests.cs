using System.Net;
using System.Text;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;

namespace MailRouting.Tests.Outbox.Delivery.Api;

/// <summary>The Gmail API's documented error answers to messages.send, read and explained.</summary>
public sealed class GmailAnswersTests
{
    private static readonly SmtpEndpoint Endpoint = new("gmail.googleapis.com", 443, SmtpSecurity.SslOnConnect, SmtpAuthMethod.OAuth2,
        "agent@acme.test", "token", null, null, 20, Transport: ServerTransport.GmailApi);

    private static readonly OutboxMessage Message = new()
    {
        MessageId = "<m@acme.test>", SenderId = "1", CreatedBy = "u", FromAddress = "agent@acme.test", EnvelopeFrom = "agent@acme.test",
        Subject = "Hi", Mime = [],
    };

    [Theory]
    [InlineData(401, "authError", "Invalid Credentials", DiagnosticCode.OAuthTokenRejected, true, false)]
    [InlineData(429, "rateLimitExceeded", "Too many concurrent requests for user.", DiagnosticCode.RateLimited, true, false)]
    [InlineData(403, "userRateLimitExceeded", "User-rate limit exceeded.", DiagnosticCode.RateLimited, true, false)]
    [InlineData(403, "dailyLimitExceeded", "Daily Limit Exceeded", DiagnosticCode.DailyLimitReached, true, false)]
    [InlineData(400, "failedPrecondition", "Mail service not enabled", DiagnosticCode.AuthFailed, false, true)]
    [InlineData(403, "domainPolicy", "The domain administrators have disabled Gmail apps.", DiagnosticCode.OAuthAppRejected, false, true)]
    [InlineData(500, "backendError", "Backend Error", DiagnosticCode.TemporaryFailure, true, false)]
    [InlineData(400, "invalidArgument", "Invalid To header", DiagnosticCode.Unknown, false, false)]
    public async Task Explain_GmailsAnswer_MapsToCodeAndWhatHappensNext(int status, string reason, string said, DiagnosticCode expected,
        bool temporary, bool needsConfiguration)
    {
        var body = $$$"""{"error":{"code":{{{status}}},"message":"{{{said}}}","errors":[{"domain":"global","reason":"{{{reason}}}"}]}}""";
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var failure = GmailAnswers.Explain(await ApiError.ReadAsync(response, CancellationToken.None), Endpoint, Message);

        Assert.Equal(expected, failure.Diagnostic.Code);
        Assert.Equal(temporary, failure.Temporary);
        Assert.Equal(needsConfiguration, failure.NeedsConfiguration);
        Assert.Equal($"{status} {reason}: {said}", failure.Reply);
    }
}
