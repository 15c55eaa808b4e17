using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery;

/// <summary>Sends one login's messages off its shared queue over one of its sessions (a lane) until the queue is empty.</summary>
public sealed class LaneSender(OutcomeRecorder recorder, LargeMessageMemory memory, LoginPauses pauses,
    SendingOptions options, TimeProvider time)
{
    public async Task RunAsync(IMessageTransport transport, LoginWork work, int lane, PassState pass, CancellationToken ct)
    {
        while (work.Queue.TryDequeue(out var message))
        {
            await pass.Unsaved.WaitAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            // Close to the lease's end (the database unreachable for its renewal) another instance may claim the message,
            // so it is handed back instead of sent.
            if (pauses.Until(message, now) is { } paused)
            {
                // Another lane of the login was just told the daily limit is reached.
                OutcomeRecorder.Postpone(message, paused);
            }
            else if (pass.Lease.AllowsSend(message.Id, now))
            {
                var result = await transport.SendAsync(message, work.Route.Endpoint!, lane, ct);
                Record(message, now, result, work.Route, pass);
                memory.Handled(message.Mime.Length);
            }
            else
            {
                OutcomeRecorder.Postpone(message, now);
            }

            pass.Sent(message);
        }
    }

    private void Record(OutboxMessage message, DateTime at, SendResult result, Route route, PassState pass)
    {
        if (result.Failure is not { } failure)
        {
            recorder.Sent(message, at, result.Reply!);
            return;
        }

        recorder.Failed(message, at, failure, route);
        if (failure.Diagnostic.Code == DiagnosticCode.OAuthTokenRejected)
        {
            pass.RefusedTokens.TryAdd(route.Grant, true);
        }
        else if (failure.Diagnostic.Code == DiagnosticCode.DailyLimitReached)
        {
            pauses.Pause(message, at + options.DailyLimitPause);
        }
    }
}
