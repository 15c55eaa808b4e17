using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// Splits a pass's messages by the login that sends them and decides, per login, what goes now: messages whose login
/// cannot sign in fail (or wait for new settings), those over the server's per-minute budget wait for its next slot, and
/// the rest queue for the sessions this worker holds slots for. Each login is handed over as soon as it is planned, so
/// its lanes send while the next login's route loads.
/// </summary>
public sealed class PassPlanner(RouteLoader routes, MinuteBudgets budgets, SessionSlots slots, OutcomeRecorder recorder,
    LoginPauses pauses, SendingOptions options, TimeProvider time)
{
    public async IAsyncEnumerable<LoginWork> PlanAsync(IReadOnlyList<OutboxMessage> claimed, IMessageTransport transport, PassState pass,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var budgetsByServer = await budgets.ForAsync(claimed, now, ct);
        foreach (var login in claimed.GroupBy(m => (m.ServerId, m.Credentials, m.Login,
            Sender: m.Credentials == CredentialSource.Sender ? $"{m.SenderKind}/{m.SenderId}" : "")))
        {
            if (pauses.Until(login.First(), now) is { } paused)
            {
                foreach (var message in login)
                {
                    OutcomeRecorder.Postpone(message, paused);
                    pass.Skipped(message);
                }

                continue;
            }

            var route = await routes.ForAsync(login.First(), ct);
            var queue = new ConcurrentQueue<OutboxMessage>();
            foreach (var message in login)
            {
                if (route.Failure is { } failure)
                {
                    recorder.Failed(message, now, failure, route);
                    pass.Skipped(message);
                }
                else if (budgetsByServer.TryGetValue(message.ServerId, out var budget) && !budget.Take())
                {
                    OutcomeRecorder.Postpone(message, budget.NextSlot);
                    pass.Skipped(message);
                }
                else
                {
                    queue.Enqueue(message);
                }
            }

            var held = queue.IsEmpty ? [] : await slots.TakeAsync(transport.AccountOf(route.Endpoint!), (login.Key.ServerId, login.Key.Login),
                route.Lanes, Math.Min(route.Lanes, queue.Count), ct);
            if (held.Count == 0)
            {
                // Other instances hold every session the server allows for this login; one of them sends these.
                while (queue.TryDequeue(out var message))
                {
                    OutcomeRecorder.Postpone(message, now + options.PollInterval);
                    pass.Skipped(message);
                }
            }

            yield return new LoginWork(route, [.. held.Take(queue.Count)], queue);
        }
    }
}
