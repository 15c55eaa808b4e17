using System.Threading.Channels;
using MailRouting.Data;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.SentCopy;

namespace MailRouting.Outbox.Outcomes;

/// <summary>
/// Saves a pass's outcomes in batches of whatever finished within <see cref="SendingOptions.SaveInterval"/>: one transaction
/// for many messages. A crash loses at most <see cref="PassState.MaxUnsavedSends"/> outcomes, and those messages are sent
/// again (same Message-ID). A message another instance took meanwhile is not saved over its new owner's work. While it
/// waits, the writer renews the pass's lease.
/// </summary>
public sealed class OutcomeWriter(MailRoutingDbContext db, LeaseRenewal renewal, SentCopyFolders copyFolders, DeliveryMetrics metrics,
    SendingOptions options, TimeProvider time)
{
    public async Task SaveAsTheyFinishAsync(PassState pass, IReadOnlyCollection<OutboxMessage> claimed, CancellationToken ct)
    {
        var folders = await copyFolders.ForAsync(claimed, ct);
        // The claimed messages whose outcome is not saved yet: the ones the lease renewal keeps.
        var held = claimed.Select(m => m.Id).ToHashSet();
        var finished = pass.Finished.Reader;
        var batch = new List<FinishedSend>();
        while (await WaitForOutcomesAsync(finished, pass.Lease, held, ct))
        {
            // The last outcomes of a pass are saved at once, so the next pass can start. (The channel's own Completion
            // would come only once the writer had read everything, so waiting for it cost every pass a save interval.)
            // So are outcomes the lanes must wait for before they send again.
            var budgetSpent = pass.UnsavedBudgetSpentAsync();
            await Task.WhenAny(Task.Delay(options.SaveInterval, time, ct), pass.LanesDone, budgetSpent);
            while (finished.TryRead(out var outcome))
            {
                batch.Add(outcome);
                held.Remove(outcome.Message.Id);
                if (!pass.Lease.IsLost(outcome.Message.Id))
                {
                    Save(outcome.Message, folders);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            batch.ForEach(o => metrics.Outcome(o.Message.Status, o.Message.ServerId));
            if (batch.Count(o => o.FromLane) is > 0 and var saved)
            {
                pass.Unsaved.Release(saved);
            }

            batch.Clear();
        }
    }

    /// <param name="folders">The Sent folder of each sender that files copies: a sent message's copy job is saved with its outcome.</param>
    private void Save(OutboxMessage message, IReadOnlyDictionary<string, string> folders)
    {
        // Only what an outcome changes is written: the rest of the row (MIME, recipients, addresses) is
        // fixed at intake, and writing it again cost a fifth of the app's time while sending.
        var entry = db.Outbox.Attach(message);
        foreach (var change in OutcomeRecorder.Changes)
        {
            entry.Property(change).IsModified = true;
        }

        entry.ComplexCollection(m => m.Attempts).IsModified = true;
        if (message.Status == MessageStatus.Sent && folders.TryGetValue(SentCopyFolders.KeyOf(message), out var folder))
        {
            var now = time.GetUtcNow().UtcDateTime;
            db.SentCopies.Add(new SentCopyJob { OutboxMessageId = message.Id, Folder = folder, CreatedAt = now, NextAttemptAt = now });
        }
    }

    /// <summary>Waits for outcomes to save, renewing the lease each time a third of it has passed.</summary>
    /// <returns>False once every lane has finished and every outcome was read.</returns>
    private async Task<bool> WaitForOutcomesAsync(ChannelReader<FinishedSend> finished, PassLease lease, HashSet<Guid> held,
        CancellationToken ct)
    {
        var ready = finished.WaitToReadAsync(ct).AsTask();
        while (true)
        {
            var untilRenewal = lease.RenewAt - time.GetUtcNow().UtcDateTime;
            if (untilRenewal > TimeSpan.Zero)
            {
                using var renewalTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var renewalDue = Task.Delay(untilRenewal, time, renewalTimer.Token);
                // The timer counts from when it was set: if the clock reached the renewal meanwhile, it would be late.
                var clockPassedIt = time.GetUtcNow().UtcDateTime >= lease.RenewAt;
                var first = clockPassedIt ? renewalDue : await Task.WhenAny(ready, renewalDue);
                await renewalTimer.CancelAsync();
                if (first == ready)
                {
                    return await ready;
                }
            }

            await renewal.RenewAsync(lease, held, ct);
        }
    }
}
