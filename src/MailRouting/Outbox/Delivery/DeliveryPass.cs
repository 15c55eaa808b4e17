using MailRouting.OAuth;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// One pass of the delivery worker: claim due messages with a lease (<see cref="OutboxClaims"/>), plan each login's sends
/// (<see cref="PassPlanner"/>), send them over as many parallel sessions as the login holds slots for, counted over all
/// instances (<see cref="LaneSender"/>), and save the outcomes as they come in, many per transaction
/// (<see cref="OutcomeWriter"/>), so the database never waits on the transport or the reverse. All database work stays on
/// the pass's own task; the lanes only talk to the transport.
/// </summary>
public sealed class DeliveryPass(OutboxClaims claims, SessionSlots slots, PassPlanner planner, LaneSender lanes, OutcomeWriter writer,
    AccessTokens tokens, DeliveryMetrics metrics)
{
    /// <param name="transport">The worker's transport, whose sessions outlive the pass.</param>
    /// <param name="inFlight">The servers the worker's other running passes send through: this pass leaves their messages alone.</param>
    /// <returns>How many messages this pass handled.</returns>
    public async Task<int> RunOnceAsync(IMessageTransport transport, ServersInFlight inFlight, CancellationToken ct)
    {
        // Sessions closed since the last pass give their slots back to every instance.
        await slots.SyncAsync(transport.Open, inFlight.Busy, ct);
        PassLease? lease = null;
        var (claimed, hold) = await inFlight.ClaimAsync(async busy =>
        {
            (var messages, lease) = await claims.ClaimAsync(busy, ct);
            return messages;
        }, ct);
        using (hold)
        {
            if (claimed.Count > 0)
            {
                await DeliverAsync(claimed, lease!, transport, ct);
            }
        }

        metrics.QueueDepth(await claims.WaitingAsync(ct));
        return claimed.Count;
    }

    private async Task DeliverAsync(List<OutboxMessage> claimed, PassLease lease, IMessageTransport transport, CancellationToken ct)
    {
        using var pass = new PassState(lease);
        using var stopLanes = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = new List<Task>();
        await foreach (var work in planner.PlanAsync(claimed, transport, pass, ct))
        {
            foreach (var lane in work.Lanes)
            {
                running.Add(Task.Run(() => lanes.RunAsync(transport, work, lane, pass, stopLanes.Token), ct));
            }
        }

        var sending = Task.WhenAll(running);
        _ = sending.ContinueWith(_ => pass.LanesFinished(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await writer.SaveAsTheyFinishAsync(pass, claimed, ct);
        }
        catch
        {
            // Without the writer the lanes would wait for saves forever. Their sessions are used again by the next pass,
            // so no lane may outlive this one; the failure that matters is the writer's.
            await stopLanes.CancelAsync();
            await sending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        await sending;
        // A refused access token is dropped, so the retry signs in with a fresh one (or learns the grant is gone).
        foreach (var grant in pass.RefusedTokens.Keys)
        {
            await tokens.ForgetAccessTokenAsync(grant, ct);
        }
    }
}
