using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Tests.Outbox.Delivery;

internal static class WorkerPasses
{
    /// <summary>One pass in its own scope, as the worker runs it.</summary>
    public static async Task<int> RunOnceAsync(this ServiceProvider worker, IMessageTransport transport, ServersInFlight inFlight)
    {
        await using var scope = worker.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryPass>().RunOnceAsync(transport, inFlight, CancellationToken.None);
    }
}
