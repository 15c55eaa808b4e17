using System.Diagnostics;
using MailRouting.Connections;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Servers;
using MimeKit;

namespace MailRouting.ConnectionTests;

/// <summary>
/// Tests a server that sends through an HTTP mail API as a send would use it: the access token, then, given a
/// recipient, a test message. Neither API can show that sending works short of sending, so without a recipient the test
/// says so.
/// </summary>
public sealed class ApiConnectionTester(GraphTransport graph, GmailTransport gmail)
{
    public async Task<ConnectionTestReport> TestAsync(SignIn signIn, TestMessage? message, CancellationToken ct)
    {
        List<TestStage> stages = signIn.TokenStage is { } token ? [token] : [];
        if (signIn.Endpoint is not { } endpoint)
        {
            return new ConnectionTestReport(false, stages, "", signIn.Failure, null, null, null);
        }

        if (message is null)
        {
            stages.Add(new TestStage("send", true, 0, $"Not tried: {endpoint.Transport.Describe()} shows that sending "
                + $"works only by sending. Give a test recipient to send a test message."));
            return new ConnectionTestReport(true, stages, "", null, null, null, null);
        }

        var started = Stopwatch.GetTimestamp();
        IMessageTransport transport = endpoint.Transport == ServerTransport.GmailApi ? gmail : graph;
        var result = await transport.SendAsync(TestOutboxMessage(message), endpoint, 0, ct);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        stages.Add(new TestStage("send", result.Failure is null, elapsed,
            result.Failure?.Diagnostic.Message ?? $"{result.Reply}: a test message to {message.Recipient}."));
        return new ConnectionTestReport(result.Failure is null, stages, result.Failure?.Reply ?? result.Reply ?? "",
            result.Failure?.Diagnostic, null, null, null);
    }

    private static OutboxMessage TestOutboxMessage(TestMessage message)
    {
        var mime = TestMessages.Build(message);
        mime.MessageId ??= MimeKit.Utils.MimeUtils.GenerateMessageId();
        using var bytes = new MemoryStream();
        mime.WriteTo(FormatOptions.Default, bytes);
        return new OutboxMessage
        {
            MessageId = mime.MessageId!,
            SenderId = "test",
            CreatedBy = "test",
            FromAddress = message.FromAddress,
            EnvelopeFrom = message.EnvelopeFrom,
            Recipients = [message.Recipient],
            Subject = mime.Subject ?? "",
            Mime = bytes.ToArray(),
        };
    }
}
