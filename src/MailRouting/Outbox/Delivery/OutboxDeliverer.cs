using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Outbox.SentCopy;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using MailRouting.Connections;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// One pass of the delivery worker. It claims due messages with a lease (one UPDATE guarded by the lease columns, so
/// two processes never take the same message), sends each login's messages over as many of its server's parallel sessions
/// as it holds slots for (the limit holds over all instances), and saves outcomes as they come in, many per transaction,
/// so the database never waits on SMTP or the reverse. While sends run, the pass renews the lease on the messages it still
/// holds. All database work stays on this pass's own task; the session lanes only talk SMTP and IMAP.
/// </summary>
public sealed class OutboxDeliverer(MailRoutingDbContext db, SignInSecrets signIns, AccessTokens tokens, SendingOptions options, WorkerIdentity identity,
    DeliveryMetrics metrics, SessionSlots slots, LargeMessageMemory memory, TimeProvider time, ILogger<OutboxDeliverer> logger)
{
    /// <summary>
    /// Messages sent (or being sent) whose outcome is not saved yet. The lanes wait rather than run further ahead, so a
    /// crash sends at most this many messages a second time.
    /// </summary>
    public const int MaxUnsavedSends = 8;

    private readonly string worker = identity.Name;

    /// <param name="sessions">The worker's open SMTP sessions, reused across passes.</param>
    /// <param name="inFlight">The servers the worker's other running passes send through: this pass leaves their messages alone.</param>
    /// <returns>How many messages this pass handled.</returns>
    public async Task<int> RunOnceAsync(SmtpSessions sessions, ServersInFlight inFlight, CancellationToken ct)
    {
        // Sessions closed since the last pass give their slots back to every instance.
        await slots.SyncAsync(sessions.Open, inFlight.Busy, ct);
        var leaseUntil = DateTime.MinValue;
        var (claimed, hold) = await inFlight.ClaimAsync(async busy =>
        {
            (var messages, leaseUntil) = await ClaimAsync(busy, ct);
            return messages;
        }, ct);
        using (hold)
        {
            if (claimed.Count > 0)
            {
                await DeliverAsync(claimed, new PassLease(leaseUntil, options.Lease), sessions, ct);
            }
        }

        metrics.QueueDepth(await db.Outbox.CountAsync(m => m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending, ct));
        return claimed.Count;
    }

    private async Task<(List<OutboxMessage> Messages, DateTime LeaseUntil)> ClaimAsync(IReadOnlyCollection<int> busyServers, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending)
                && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now) && !busyServers.Contains(m.ServerId)
                // Not the messages of a login whose every session other instances hold: those instances send them.
                && !db.SmtpServers.Any(s => s.Id == m.ServerId
                    && db.SessionSlots.Count(slot => slot.ServerId == m.ServerId && slot.Login == m.Login && slot.Owner != worker && slot.Until >= now)
                        >= (s.MaxConcurrentSessions ?? 1)))
            .OrderBy(m => m.NextAttemptAt).Select(m => new { m.Id, Bytes = (long)m.Mime.Length }).Take(options.BatchSize).ToListAsync(ct);
        var ids = new List<Guid>();
        var bytes = 0L;
        foreach (var candidate in due.TakeWhile(c => ids.Count == 0 || bytes + c.Bytes <= options.BatchBytes))
        {
            ids.Add(candidate.Id);
            bytes += candidate.Bytes;
        }

        var until = now + options.Lease;
        if (ids.Count == 0)
        {
            return ([], until);
        }

        await db.Outbox
            .Where(m => ids.Contains(m.Id) && (m.LeaseUntil == null || m.LeaseUntil < now) && m.Status != MessageStatus.Sent && m.Status != MessageStatus.Failed)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseOwner, worker).SetProperty(x => x.LeaseUntil, until).SetProperty(x => x.Status, MessageStatus.Sending), ct);
        var mine = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker && m.LeaseUntil == until)
            .OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
        return (mine, until);
    }

    private async Task DeliverAsync(List<OutboxMessage> claimed, PassLease lease, SmtpSessions sessions, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var finished = Channel.CreateUnbounded<Finished>(new UnboundedChannelOptions { SingleReader = true });
        using var unsaved = new SemaphoreSlim(MaxUnsavedSends);
        using var stopLanes = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var budgets = await MinuteBudgetsAsync(claimed, now, ct);
        var copyFolders = await SentCopyFoldersAsync(claimed, ct);
        var refusedTokens = new ConcurrentDictionary<GrantKey, bool>();
        var lanes = new List<Task>();
        foreach (var account in claimed.GroupBy(m => (m.ServerId, m.Credentials, m.Login, Sender: m.Credentials == CredentialSource.Sender ? $"{m.SenderKind}/{m.SenderId}" : "")))
        {
            var route = await RouteAsync(account.First(), ct);
            var queue = new ConcurrentQueue<OutboxMessage>();
            foreach (var message in account)
            {
                if (route.Failure is { } failure)
                {
                    Record(message, now, failure);
                    Release(message);
                    finished.Writer.TryWrite(new Finished(message, FromLane: false));
                }
                else if (budgets.TryGetValue(message.ServerId, out var budget) && !budget.Take())
                {
                    Postpone(message, budget.NextSlot);
                    finished.Writer.TryWrite(new Finished(message, FromLane: false));
                }
                else
                {
                    queue.Enqueue(message);
                }
            }

            var held = queue.IsEmpty ? [] : await slots.TakeAsync(SmtpSessions.AccountOf(route.Endpoint!), (account.Key.ServerId, account.Key.Login), route.Lanes,
                Math.Min(route.Lanes, queue.Count), ct);
            if (held.Count == 0)
            {
                // Other instances hold every session the server allows for this login; one of them sends these.
                while (queue.TryDequeue(out var message))
                {
                    Postpone(message, now + options.PollInterval);
                    finished.Writer.TryWrite(new Finished(message, FromLane: false));
                }
            }

            foreach (var slot in held.Take(queue.Count))
            {
                lanes.Add(Task.Run(() => RunLaneAsync(route, slot, queue, sessions, finished.Writer, unsaved, lease, refusedTokens, stopLanes.Token), ct));
            }
        }

        var sending = Task.WhenAll(lanes);
        _ = sending.ContinueWith(_ => finished.Writer.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await SaveAsTheyFinishAsync(finished.Reader, unsaved, lease, [.. claimed.Select(m => m.Id)], copyFolders, ct);
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
        foreach (var grant in refusedTokens.Keys)
        {
            await tokens.ForgetAccessTokenAsync(grant, ct);
        }
    }

    /// <summary>Sends messages off the login's shared queue over this lane's session until the queue is empty.</summary>
    private async Task RunLaneAsync(Route route, int lane, ConcurrentQueue<OutboxMessage> queue, SmtpSessions sessions, ChannelWriter<Finished> finished, SemaphoreSlim unsaved, PassLease lease, ConcurrentDictionary<GrantKey, bool> refusedTokens,
        CancellationToken ct)
    {
        while (queue.TryDequeue(out var message))
        {
            await unsaved.WaitAsync(ct);
            // Close to the lease's end (the database unreachable for its renewal) another instance may claim the message,
            // so it is handed back instead of sent.
            if (lease.AllowsSend(message.Id, time.GetUtcNow().UtcDateTime))
            {
                if (!await SendOneAsync(message, route.Endpoint!, lane, sessions, ct))
                {
                    refusedTokens.TryAdd(route.Grant, true);
                }

                memory.Handled(message.Mime.Length);
            }
            else
            {
                Postpone(message, time.GetUtcNow().UtcDateTime);
            }

            finished.TryWrite(new Finished(message, FromLane: true));
        }
    }

    /// <summary>Sends one message and records what happened.</summary>
    /// <returns>False when the server refused the OAuth2 access token.</returns>
    private async Task<bool> SendOneAsync(OutboxMessage message, SmtpEndpoint endpoint, int lane, SmtpSessions sessions, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        string reply;
        try
        {
            using var stream = new MemoryStream(message.Mime, writable: false);
            var mime = await MimeMessage.LoadAsync(stream, persistent: true, ct);
            reply = await SendAsync(sessions, endpoint, lane, message, mime, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failure = Explain(exception, endpoint, message);
            if (failure.Temporary)
            {
                sessions.Drop(endpoint, lane);
            }

            Record(message, now, failure);
            Release(message);
            return failure.Diagnostic.Code != DiagnosticCode.OAuthTokenRejected;
        }

        message.Status = MessageStatus.Sent;
        message.SentAt = now;
        message.QueueId = SmtpReplies.QueueIdOf(reply);
        message.Attempts.Add(new DeliveryAttempt { At = now, Worker = worker, Outcome = "Sent", ServerReply = $"250 {reply}" });
        Release(message);
        logger.LogInformation("Message {MessageId} sent as {From}, queued as {QueueId}", message.Id, message.EnvelopeFrom, message.QueueId);
        return true;
    }

    /// <summary>
    /// Outcomes are saved in batches of whatever finished within <see cref="SendingOptions.SaveInterval"/>: one transaction
    /// for many messages. A crash loses at most <see cref="MaxUnsavedSends"/> outcomes, and those messages are sent again
    /// (same Message-ID). A message another instance took meanwhile is not saved over its new owner's work.
    /// </summary>
    /// <param name="held">The claimed messages whose outcome is not saved yet: the ones the lease renewal keeps.</param>
    /// <param name="copyFolders">The Sent folder of each sender that files copies: a sent message's copy job is saved with its outcome.</param>
    private async Task SaveAsTheyFinishAsync(ChannelReader<Finished> finished, SemaphoreSlim unsaved, PassLease lease, HashSet<Guid> held,
        IReadOnlyDictionary<string, string> copyFolders, CancellationToken ct)
    {
        var batch = new List<Finished>();
        while (await WaitForOutcomesAsync(finished, lease, held, ct))
        {
            // The last outcomes of a pass are saved at once, so the next pass can start.
            await Task.WhenAny(Task.Delay(options.SaveInterval, time, ct), finished.Completion);
            while (finished.TryRead(out var outcome))
            {
                batch.Add(outcome);
                held.Remove(outcome.Message.Id);
                if (!lease.IsLost(outcome.Message.Id))
                {
                    // The MIME never changes after it is accepted; writing it again would only cost time.
                    db.Outbox.Update(outcome.Message).Property(m => m.Mime).IsModified = false;
                    if (outcome.Message.Status == MessageStatus.Sent && copyFolders.TryGetValue(SenderKey(outcome.Message), out var folder))
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        db.SentCopies.Add(new SentCopyJob { OutboxMessageId = outcome.Message.Id, Folder = folder, CreatedAt = now, NextAttemptAt = now });
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            batch.ForEach(o => metrics.Outcome(o.Message.Status, o.Message.ServerId));
            if (batch.Count(o => o.FromLane) is > 0 and var saved)
            {
                unsaved.Release(saved);
            }

            batch.Clear();
        }
    }

    /// <summary>Waits for outcomes to save, renewing the lease each time a third of it has passed.</summary>
    /// <returns>False once every lane has finished and every outcome was read.</returns>
    private async Task<bool> WaitForOutcomesAsync(ChannelReader<Finished> finished, PassLease lease, HashSet<Guid> held, CancellationToken ct)
    {
        var ready = finished.WaitToReadAsync(ct).AsTask();
        while (true)
        {
            var untilRenewal = lease.RenewAt - time.GetUtcNow().UtcDateTime;
            if (untilRenewal > TimeSpan.Zero)
            {
                using var renewalTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                if (await Task.WhenAny(ready, Task.Delay(untilRenewal, time, renewalTimer.Token)) == ready)
                {
                    await renewalTimer.CancelAsync();
                    return await ready;
                }
            }

            await RenewLeaseAsync(lease, held, ct);
        }
    }

    /// <summary>
    /// Extends the lease on the messages this pass still holds, and on the worker's session slots. One that is no longer this worker's (the renewal came too
    /// late and another instance claimed it) is neither sent nor saved from here on.
    /// </summary>
    private async Task RenewLeaseAsync(PassLease lease, HashSet<Guid> held, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + options.Lease;
        var ids = held.ToList();
        var renewed = ids.Count == 0 ? 0 : await db.Outbox.Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseUntil, until), ct);
        var lost = new List<Guid>();
        if (renewed < ids.Count)
        {
            var stillMine = await db.Outbox.Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker).Select(m => m.Id).ToListAsync(ct);
            lost = [.. ids.Except(stillMine)];
            logger.LogWarning("{Count} messages were claimed by another instance before this worker renewed its lease; it leaves them to that instance", lost.Count);
        }

        lease.Renewed(until, lost);
        await slots.RenewAsync(ct);
    }

    /// <param name="FromLane">Handled by a lane, so it holds a place among the unsaved sends until it is saved.</param>
    private sealed record Finished(OutboxMessage Message, bool FromLane);

    private static string SenderKey(OutboxMessage message) => $"{message.SenderKind}/{message.SenderId}";

    /// <summary>The Sent folder of the batch's senders that file copies, read once for the whole batch.</summary>
    private async Task<IReadOnlyDictionary<string, string>> SentCopyFoldersAsync(List<OutboxMessage> claimed, CancellationToken ct)
    {
        var channelIds = claimed.Where(m => m.SenderKind == SenderKind.Channel).Select(m => int.Parse(m.SenderId, CultureInfo.InvariantCulture)).Distinct().ToList();
        var userIds = claimed.Where(m => m.SenderKind == SenderKind.User).Select(m => m.SenderId).Distinct().ToList();
        var channels = channelIds.Count == 0 ? [] : await db.EmailChannels.AsNoTracking()
            .Where(c => channelIds.Contains(c.Id) && c.CopyToSentFolder != null && c.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(c => new { Key = "Channel/" + c.Id, Folder = c.CopyToSentFolder! }).ToListAsync(ct);
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.CopyToSentFolder != null && u.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(u => new { Key = "User/" + u.Id, Folder = u.CopyToSentFolder! }).ToListAsync(ct);
        return channels.Concat(users).ToDictionary(c => c.Key, c => c.Folder);
    }

    /// <summary>What is left of each rate-limited server's per-minute budget, counted over every app instance.</summary>
    private async Task<Dictionary<int, MinuteBudget>> MinuteBudgetsAsync(List<OutboxMessage> claimed, DateTime now, CancellationToken ct)
    {
        var serverIds = claimed.Select(m => m.ServerId).Distinct().ToList();
        var limits = await db.SmtpServers.Where(s => serverIds.Contains(s.Id) && s.MaxMessagesPerMinute != null)
            .Select(s => new { s.Id, Limit = s.MaxMessagesPerMinute!.Value }).ToListAsync(ct);
        var budgets = new Dictionary<int, MinuteBudget>();
        var windowStart = now.AddMinutes(-1);
        foreach (var server in limits)
        {
            var recent = await db.Outbox.Where(m => m.ServerId == server.Id && m.SentAt > windowStart)
                .OrderBy(m => m.SentAt).Select(m => m.SentAt!.Value).Take(server.Limit).ToListAsync(ct);
            budgets[server.Id] = new MinuteBudget(server.Limit - recent.Count, recent.Count > 0 ? recent[0].AddMinutes(1) : now.AddMinutes(1));
        }

        return budgets;
    }

    /// <summary>Messages a server still takes this minute; past it, the time its oldest slot frees up.</summary>
    private sealed class MinuteBudget(int left, DateTime nextSlot)
    {
        public DateTime NextSlot => nextSlot;

        public bool Take() => left-- > 0;
    }

    private sealed record Route(SmtpEndpoint? Endpoint, int Lanes, Failure? Failure, GrantKey Grant);

    /// <summary>The session the resolution snapshot asked for, with the password decrypted (or the access token fetched) only now.</summary>
    private async Task<Route> RouteAsync(OutboxMessage message, CancellationToken ct)
    {
        var server = await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.ServerId, ct);
        var grant = GrantKey.For(message.Credentials, message.ServerId, message.SenderKind, message.SenderId);
        if (server is null)
        {
            return new Route(null, 0, new Failure(new Diagnostic(DiagnosticCode.Unknown, "The server this message was resolved to no longer exists.",
                "Send the message again; it will be resolved anew."), null, false), grant);
        }

        var protectedPassword = message.Credentials == CredentialSource.Server
            ? server.ProtectedPassword
            : message.SenderKind == SenderKind.Channel
                ? await db.EmailChannels.Where(c => c.Id == int.Parse(message.SenderId, CultureInfo.InvariantCulture)).Select(c => c.ProtectedPassword).SingleOrDefaultAsync(ct)
                : await db.Users.Where(u => u.Id == message.SenderId).Select(u => u.ProtectedSmtpPassword).SingleOrDefaultAsync(ct);
        var signIn = await signIns.EndpointAsync(server, message.Login, protectedPassword, grant, ct);
        return signIn.Failure is { } failure
            ? new Route(null, 0, new Failure(failure, null, failure.IsTemporary, NeedsConfiguration: !failure.IsTemporary), grant)
            : new Route(signIn.Endpoint, server.ConcurrentSessions, null, grant);
    }

    /// <summary>A reused session the server has meanwhile closed (idle time-out, 421) is reopened once, without costing an attempt.</summary>
    private static async Task<string> SendAsync(SmtpSessions sessions, SmtpEndpoint endpoint, int lane, OutboxMessage message, MimeMessage mime, CancellationToken ct)
    {
        var (client, reused) = await sessions.ForAsync(endpoint, ct, lane);
        try
        {
            return await SendWithinLimitAsync(client, endpoint, message, mime, ct);
        }
        catch (Exception exception) when (reused && exception is IOException or ServiceNotConnectedException or SmtpProtocolException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable })
        {
            sessions.Drop(endpoint, lane);
            (client, _) = await sessions.ForAsync(endpoint, ct, lane);
            return await SendWithinLimitAsync(client, endpoint, message, mime, ct);
        }
    }

    private static Task<string> SendWithinLimitAsync(SmtpClient client, SmtpEndpoint endpoint, OutboxMessage message, MimeMessage mime, CancellationToken ct) =>
        Deadline.RunAsync(endpoint.SendLimit(message.Mime.Length), $"Sending the message to {endpoint.Host}:{endpoint.Port}",
            token => client.SendAsync(mime, MailboxAddress.Parse(message.EnvelopeFrom), message.Recipients.Select(MailboxAddress.Parse), token), ct);

    /// <summary>Not an attempt: the message waits, for the server's per-minute budget or for another pass.</summary>
    private static void Postpone(OutboxMessage message, DateTime until)
    {
        message.Status = message.Attempts.Count == 0 ? MessageStatus.Queued : MessageStatus.Retrying;
        message.NextAttemptAt = until;
        Release(message);
    }

    private static void Release(OutboxMessage message)
    {
        message.LeaseOwner = null;
        message.LeaseUntil = null;
    }

    private void Record(OutboxMessage message, DateTime now, Failure failure)
    {
        var young = now - message.CreatedAt < options.MaxAge;
        var retry = failure.Temporary && young;
        var hold = failure.NeedsConfiguration && young;
        message.Attempts.Add(new DeliveryAttempt
        {
            At = now,
            Worker = worker,
            Outcome = retry ? "Retrying" : hold ? "Held until the sign-in settings change" : "Failed",
            ServerReply = failure.Reply,
            DiagnosticCode = failure.Diagnostic.Code.ToString(),
            Diagnostic = failure.Diagnostic.Message,
            CertificateSha256 = failure.CertificateSha256,
        });
        message.Status = retry || hold ? MessageStatus.Retrying : MessageStatus.Failed;
        message.HeldForConfiguration = hold;
        // A held message is not retried on a timer: trying the same rejected login again would only lock the account.
        message.NextAttemptAt = retry ? now + Backoff(message.Attempts.Count) : hold ? message.CreatedAt + options.MaxAge : now;
        logger.LogWarning("Message {MessageId} attempt {Attempt}: {Code} ({Outcome})", message.Id, message.Attempts.Count, failure.Diagnostic.Code, message.Status);
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped at one hour.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var delay = options.RetryBase * Math.Pow(2, Math.Min(attempts - 1, 10));
        var capped = delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private sealed record Failure(Diagnostic Diagnostic, string? Reply, bool Temporary, bool NeedsConfiguration = false, string? CertificateSha256 = null);

    /// <summary>What a failed send means; an exception nobody foresaw fails the message for good, so it can never loop.</summary>
    private static Failure Explain(Exception exception, SmtpEndpoint endpoint, OutboxMessage message) => exception switch
    {
        AuthenticationException auth when endpoint.AuthMethod == SmtpAuthMethod.OAuth2 => TokenRefused(auth, endpoint, message),
        SmtpCommandException command => new Failure(SmtpReplyDiagnostics.Explain((int)command.StatusCode, command.Message),
            $"{(int)command.StatusCode} {command.Message}", (int)command.StatusCode < 500),
        ServiceNotAuthenticatedException notSignedIn => new Failure(SmtpReplyDiagnostics.Explain(530, notSignedIn.Message), $"530 {notSignedIn.Message}", false, true),
        AuthenticationException auth => new Failure(SmtpReplyDiagnostics.Explain(535, auth.Message), auth.Message, false, true),
        UntrustedCertificateException untrusted => new Failure(ConnectionDiagnostics.CertificateInvalid(untrusted.Certificate.Problems, untrusted.Certificate.Sha256),
            untrusted.Message, false, NeedsConfiguration: true, untrusted.Certificate.Sha256),
        SslHandshakeException tls => new Failure(ConnectionDiagnostics.TlsHandshakeFailed(tls), tls.Message, false),
        SocketException socket => new Failure(ConnectionDiagnostics.FromSocket(socket, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds), socket.Message, true),
        TimeoutException timeout => new Failure(ConnectionDiagnostics.TimedOut(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds), timeout.Message, true),
        IOException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException
            => new Failure(new Diagnostic(DiagnosticCode.TemporaryFailure, $"The connection failed: {exception.Message}", "Nothing to do: the message is retried."), exception.Message, true),
        _ => new Failure(new Diagnostic(DiagnosticCode.Unknown, $"Sending failed unexpectedly: {exception.Message}",
            "Check the server's settings with its test, then retry the message."), exception.Message, false),
    };

    /// <summary>A refused access token is retried once with a new one; refused again, the problem is the app's rights or the mailbox's settings.</summary>
    private static Failure TokenRefused(AuthenticationException auth, SmtpEndpoint endpoint, OutboxMessage message)
    {
        var again = message.Attempts.Any(a => a.DiagnosticCode == nameof(DiagnosticCode.OAuthTokenRejected));
        return new Failure(new Diagnostic(DiagnosticCode.OAuthTokenRejected,
            $"The mail server refused the OAuth2 access token for {endpoint.Username}{(again ? " again, after a new one was fetched" : "")}: {auth.Message}",
            again
                ? "Check that the OAuth app may send mail (Microsoft 365: SMTP.Send and Authenticated SMTP enabled for the mailbox; Google: the scope https://mail.google.com/), then reconnect the mailbox."
                : "Nothing to do yet: a new access token is fetched and the message retried."),
            auth.Message, Temporary: !again, NeedsConfiguration: again);
    }
}
