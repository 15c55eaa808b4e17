using System.Collections.Concurrent;

namespace MailRouting.Outbox.Delivery;

/// <summary>One login's messages for this pass, and the lanes (session slots) this worker holds to send them over.</summary>
public sealed record LoginWork(Route Route, IReadOnlyList<int> Lanes, ConcurrentQueue<OutboxMessage> Queue);
