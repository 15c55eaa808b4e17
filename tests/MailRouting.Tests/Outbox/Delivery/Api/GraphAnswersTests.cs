using System.Net;
using System.Text;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;

namespace MailRouting.Tests.Outbox.Delivery.Api;

/// <summary>Microsoft Graph's documented error answers to sendMail, read and explained.</summary>
public sealed class GraphAnswersTests
{
    private static readonly SmtpEndpoint Endpoint =
        ApiAnswerCase.Endpoint(ServerTransport.MicrosoftGraph, SmtpAuthMethod.OAuth2App, "support@acme.test");

    [Theory]
    [InlineData(403, "ErrorSendAsDenied", DiagnosticCode.SenderNotOwned, false, false)]
    [InlineData(403, "ErrorAccessDenied", DiagnosticCode.OAuthAppRejected, false, true)]
    [InlineData(404, "ErrorInvalidUser", DiagnosticCode.AuthFailed, false, true)]
    [InlineData(401, "InvalidAuthenticationToken", DiagnosticCode.OAuthTokenRejected, true, false)]
    [InlineData(429, "ApplicationThrottled", DiagnosticCode.RateLimited, true, false)]
    [InlineData(403, "ErrorSubmissionQuotaExceeded", DiagnosticCode.DailyLimitReached, true, false)]
    [InlineData(413, "RequestEntityTooLarge", DiagnosticCode.MessageTooLarge, false, false)]
    [InlineData(503, "ServiceUnavailable", DiagnosticCode.RateLimited, true, false)]
    [InlineData(500, "generalException", DiagnosticCode.TemporaryFailure, true, false)]
    [InlineData(400, "ErrorSomethingNew", DiagnosticCode.Unknown, false, false)]
    public async Task Explain_GraphsAnswer_MapsToCodeAndWhatHappensNext(int status, string code,
        DiagnosticCode expected, bool temporary,
        bool needsConfiguration)
    {
        var error = await ApiAnswerCase.ErrorAsync(status,
            $$$"""{"error":{"code":"{{{code}}}","message":"Said by Graph."}}""");

        var failure = GraphAnswers.Explain(error, Endpoint, ApiAnswerCase.FirstAttempt("support@acme.test"));

        Assert.Equal(expected, failure.Diagnostic.Code);
        Assert.Equal(temporary, failure.Temporary);
        Assert.Equal(needsConfiguration, failure.NeedsConfiguration);
        Assert.Equal($"{status} {code}: Said by Graph.", failure.Reply);
    }

    [Fact]
    public async Task ReadAsync_ABodyThatIsNotGraphsErrorShape_KeepsTheStatusAndTheStartOfTheBody()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>proxy</html>"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var error = await ApiError.ReadAsync(response, CancellationToken.None);

        Assert.Equal("502 Bad Gateway: <html>proxy</html>", error.Reply);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }
}
