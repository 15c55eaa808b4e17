using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;

namespace MailRouting.Tests.Outbox.Delivery.Api;

/// <summary>The Gmail API's documented error answers to messages.send, read and explained.</summary>
public sealed class GmailAnswersTests
{
    private static readonly SmtpEndpoint Endpoint = ApiAnswerCase.Endpoint(ServerTransport.GmailApi,
        SmtpAuthMethod.OAuth2, "agent@acme.test");

    [Theory]
    [InlineData(401, "authError", "Invalid Credentials", DiagnosticCode.OAuthTokenRejected, true, false)]
    [InlineData(429, "rateLimitExceeded", "Too many concurrent requests for user.", DiagnosticCode.RateLimited, true,
        false)]
    [InlineData(403, "userRateLimitExceeded", "User-rate limit exceeded.", DiagnosticCode.RateLimited, true, false)]
    [InlineData(403, "dailyLimitExceeded", "Daily Limit Exceeded", DiagnosticCode.DailyLimitReached, true, false)]
    [InlineData(400, "failedPrecondition", "Mail service not enabled", DiagnosticCode.AuthFailed, false, true)]
    [InlineData(403, "domainPolicy", "The domain administrators have disabled Gmail apps.",
        DiagnosticCode.OAuthAppRejected, false, true)]
    [InlineData(500, "backendError", "Backend Error", DiagnosticCode.TemporaryFailure, true, false)]
    [InlineData(400, "invalidArgument", "Invalid To header", DiagnosticCode.Unknown, false, false)]
    public async Task Explain_GmailsAnswer_MapsToCodeAndWhatHappensNext(int status, string reason, string said,
        DiagnosticCode expected,
        bool temporary, bool needsConfiguration)
    {
        var body = $$$"""
            {"error":{"code":{{{status}}},"message":"{{{said}}}",
            "errors":[{"domain":"global","reason":"{{{reason}}}"}]}}
            """;
        var failure = GmailAnswers.Explain(await ApiAnswerCase.ErrorAsync(status, body), Endpoint,
            ApiAnswerCase.FirstAttempt("agent@acme.test"));

        Assert.Equal(expected, failure.Diagnostic.Code);
        Assert.Equal(temporary, failure.Temporary);
        Assert.Equal(needsConfiguration, failure.NeedsConfiguration);
        Assert.Equal($"{status} {reason}: {said}", failure.Reply);
    }
}
