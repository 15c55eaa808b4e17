using System.Net;
using System.Text;
using MailRouting.Connections;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;

namespace MailRouting.Tests.Outbox.Delivery.Api;

/// <summary>
/// A mail API's refusal of a first attempt, read as a transport reads it, for the answer tables' tests.
/// </summary>
internal static class ApiAnswerCase
{
    public static SmtpEndpoint Endpoint(ServerTransport transport, SmtpAuthMethod auth, string mailbox) =>
        new(transport.DefaultHost(), 443, SmtpSecurity.SslOnConnect, auth, mailbox, "token", null, null, 20,
            Transport: transport);

    public static OutboxMessage FirstAttempt(string from) => new()
    {
        MessageId = "<m@acme.test>", SenderId = "1", CreatedBy = "u", FromAddress = from, EnvelopeFrom = from,
            Subject = "Hi", Mime = [],
    };

    public static async Task<ApiError> ErrorAsync(int status, string json)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json,
            Encoding.UTF8, "application/json") };
        return await ApiError.ReadAsync(response, CancellationToken.None);
    }
}
