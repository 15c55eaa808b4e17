using System.Diagnostics.Metrics;

namespace MailRouting.Outbox;

/// <summary>
/// Delivery counters for OpenTelemetry or dotnet-counters (meter "MailRouting.Delivery"): sent, failed and retried
/// messages tagged by server, and the depth of this instance's view of the queue.
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "MailRouting.Delivery";

    private readonly Meter meter;
    private readonly Counter<long> sent;
    private readonly Counter<long> failed;
    private readonly Counter<long> retried;
    private long queueDepth;

    public DeliveryMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        sent = meter.CreateCounter<long>("mailrouting.messages.sent", description: "Messages the server accepted");
        failed = meter.CreateCounter<long>("mailrouting.messages.failed", description: "Messages that failed for good");
        retried = meter.CreateCounter<long>("mailrouting.messages.retried", description: "Temporary failures that will be retried");
        meter.CreateObservableGauge("mailrouting.queue.depth", () => Interlocked.Read(ref queueDepth), description: "Messages waiting to be sent");
    }

    public void Outcome(MessageStatus status, int serverId)
    {
        var tag = new KeyValuePair<string, object?>("server", serverId);
        var counter = status switch
        {
            MessageStatus.Sent => sent,
            MessageStatus.Failed => failed,
            MessageStatus.Retrying => retried,
            _ => null,
        };
        counter?.Add(1, tag);
    }

    public void QueueDepth(long depth) => Interlocked.Exchange(ref queueDepth, depth);

    public void Dispose() => meter.Dispose();
}
