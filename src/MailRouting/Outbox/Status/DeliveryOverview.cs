using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Status;

public sealed record DeliveryOverview(IReadOnlyDictionary<MessageStatus, int> ByStatus, IReadOnlyList<ServerDelivery> ByServer)
{
    public int QueueDepth => ByStatus.Where(s => s.Key is MessageStatus.Queued or MessageStatus.Retrying or MessageStatus.Sending).Sum(s => s.Value);
}
