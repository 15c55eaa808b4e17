using MailRouting.Connections;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// How a message leaves once the outbox has decided where it goes: SMTP over a login's parallel sessions (lanes), or a
/// fake in unit tests. A transport explains a failure and returns it; it throws only when the pass is cancelled.
/// </summary>
public interface IMessageTransport
{
    /// <summary>The sessions open now, by account and lane, so the slots of closed ones go back to every instance.</summary>
    IReadOnlyCollection<(string Account, int Lane)> Open { get; }

    /// <summary>The name every instance gives the endpoint's login, for its session slots.</summary>
    string AccountOf(SmtpEndpoint endpoint);

    Task<SendResult> SendAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, CancellationToken ct);
}
