using System.Collections.Concurrent;
using MailRouting.Connections;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>A transport that answers as the test says, and remembers what it was given on which lane.</summary>
internal sealed class FakeTransport : IMessageTransport
{
    private int queueIds;

    /// <summary>The answer to each send; by default every message is accepted with a new queue id.</summary>
    public Func<OutboxMessage, Task<SendResult>> Answer { get; set; }

    public ConcurrentQueue<(Guid Message, int Lane)> Sends { get; } = new();

    public FakeTransport() => Answer = _ => Task.FromResult(SendResult.Accepted($"250 2.0.0 Ok: queued as "
        + $"Q{Interlocked.Increment(ref queueIds):D4}"));

    public IReadOnlyCollection<(string Account, int Lane)> Open => [];

    public string AccountOf(SmtpEndpoint endpoint) => $"{endpoint.Host}/{endpoint.Username}";

    public Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct)
    {
        Sends.Enqueue((message.Id, lane));
        return Answer(message);
    }
}
