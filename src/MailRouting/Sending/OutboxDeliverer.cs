using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Data;
using MailRouting.Delivery;
using MailRouting.Diagnostics;
using MailRouting.Resolution;
using MailRouting.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace MailRouting.Sending;

/// <summary>
/// One pass of the delivery worker: claims due messages with a lease, sends them over reused sessions, and records
/// each attempt. The claim is an UPDATE guarded by the lease columns, so two processes never take the same message.
/// </summary>
public sealed class OutboxDeliverer(MailRoutingDbContext db, SecretProtector secrets, SendingOptions options, WorkerIdentity identity,
    DeliveryMetrics metrics, SentFolderCopier sentFolder, TimeProvider time, ILogger<OutboxDeliverer> logger)
{
    private readonly string worker = identity.Name;

    /// <param name="sessions">The worker's open SMTP sessions, reused across passes.</param>
    /// <returns>How many messages this pass handled.</returns>
    public async Task<int> RunOnceAsync(SmtpSessions sessions, CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct);
        foreach (var message in claimed)
        {
            await DeliverAsync(message, sessions, ct);
        }

        metrics.QueueDepth(await db.Outbox.CountAsync(m => m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending, ct));

        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending)
                && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(options.BatchSize).ToListAsync(ct);
        var until = now + options.Lease;
        var mine = new List<Guid>();
        foreach (var id in candidates)
        {
            var taken = await db.Outbox
                .Where(m => m.Id == id && (m.LeaseUntil == null || m.LeaseUntil < now) && m.Status != MessageStatus.Sent && m.Status != MessageStatus.Failed)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseOwner, worker).SetProperty(x => x.LeaseUntil, until).SetProperty(x => x.Status, MessageStatus.Sending), ct);
            if (taken == 1)
            {
                mine.Add(id);
            }
        }

        return await db.Outbox.Where(m => mine.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
    }

    private async Task DeliverAsync(OutboxMessage message, SmtpSessions sessions, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        SmtpEndpoint? endpoint = null;
        try
        {
            endpoint = await EndpointAsync(message, ct);
            if (await RateLimitedUntilAsync(message.ServerId, now, ct) is { } later)
            {
                // Not an attempt: the message waits for the server's per-minute budget.
                message.Status = message.Attempts.Count == 0 ? MessageStatus.Queued : MessageStatus.Retrying;
                message.NextAttemptAt = later;
                message.LeaseOwner = null;
                message.LeaseUntil = null;
                await db.SaveChangesAsync(ct);
                return;
            }

            using var stream = new MemoryStream(message.Mime);
            var mime = await MimeMessage.LoadAsync(stream, ct);
            var reply = await SendAsync(sessions, endpoint, message, mime, ct);
            message.Status = MessageStatus.Sent;
            message.SentAt = now;
            message.QueueId = SmtpReplies.QueueIdOf(reply);
            message.Attempts.Add(new DeliveryAttempt { At = now, Worker = worker, Outcome = "Sent", ServerReply = $"250 {reply}" });
            logger.LogInformation("Message {MessageId} sent as {From}, queued as {QueueId}", message.Id, message.EnvelopeFrom, message.QueueId);
            await CopyToSentAsync(message, now, ct);
        }
        catch (Exception exception) when (Explain(exception, endpoint) is { } failure)
        {
            if (endpoint is not null && failure.Temporary)
            {
                sessions.Drop(endpoint);
            }

            Record(message, now, failure);
        }

        message.LeaseOwner = null;
        message.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
        metrics.Outcome(message.Status, message.ServerId);
    }

    /// <summary>The channel's "copy to Sent": a failure is recorded, and never causes the message to be sent again.</summary>
    private async Task CopyToSentAsync(OutboxMessage message, DateTime now, CancellationToken ct)
    {
        if (message.SenderKind != SenderKind.Channel)
        {
            return;
        }

        var channel = await db.EmailChannels.AsNoTracking()
            .Where(c => c.Id == int.Parse(message.SenderId, CultureInfo.InvariantCulture) && c.CopyToSentFolder != null)
            .Select(c => new { c.CopyToSentFolder, c.Incoming }).SingleOrDefaultAsync(ct);
        if (channel is null || channel.Incoming.Protocol != Channels.IncomingProtocol.Imap)
        {
            return;
        }

        try
        {
            var folder = await sentFolder.CopyAsync(channel.Incoming, channel.CopyToSentFolder!, message.Mime, ct);
            message.Attempts.Add(new DeliveryAttempt { At = now, Worker = worker, Outcome = $"Copied to {folder}" });
        }
        catch (Exception exception) when (exception is IOException or SocketException or ProtocolException or CommandException
            or AuthenticationException or SslHandshakeException or FolderNotFoundException or OperationCanceledException)
        {
            message.Attempts.Add(new DeliveryAttempt { At = now, Worker = worker, Outcome = "Copy to Sent failed", Diagnostic = exception.Message });
            logger.LogWarning("Message {MessageId} was sent but not copied to the Sent folder: {Reason}", message.Id, exception.Message);
        }
    }

    /// <summary>When the server's per-minute limit (counted over every app instance) is used up, the time a slot frees up.</summary>
    private async Task<DateTime?> RateLimitedUntilAsync(int serverId, DateTime now, CancellationToken ct)
    {
        var limit = await db.SmtpServers.Where(s => s.Id == serverId).Select(s => s.MaxMessagesPerMinute).SingleOrDefaultAsync(ct);
        if (limit is null)
        {
            return null;
        }

        var windowStart = now.AddMinutes(-1);
        var recent = await db.Outbox.Where(m => m.ServerId == serverId && m.SentAt > windowStart)
            .OrderBy(m => m.SentAt).Select(m => m.SentAt!.Value).Take(limit.Value).ToListAsync(ct);
        return recent.Count < limit ? null : recent[0].AddMinutes(1);
    }

    /// <summary>A reused session the server has meanwhile closed (idle time-out, 421) is reopened once, without costing an attempt.</summary>
    private static async Task<string> SendAsync(SmtpSessions sessions, SmtpEndpoint endpoint, OutboxMessage message, MimeMessage mime, CancellationToken ct)
    {
        var (client, reused) = await sessions.ForAsync(endpoint, ct);
        try
        {
            return await client.SendAsync(mime, MailboxAddress.Parse(message.EnvelopeFrom), message.Recipients.Select(MailboxAddress.Parse), ct);
        }
        catch (Exception exception) when (reused && exception is IOException or ServiceNotConnectedException or SmtpProtocolException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable })
        {
            sessions.Drop(endpoint);
            (client, _) = await sessions.ForAsync(endpoint, ct);
            return await client.SendAsync(mime, MailboxAddress.Parse(message.EnvelopeFrom), message.Recipients.Select(MailboxAddress.Parse), ct);
        }
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

    /// <summary>The session the resolution snapshot asked for, with the password decrypted only now.</summary>
    private async Task<SmtpEndpoint> EndpointAsync(OutboxMessage message, CancellationToken ct)
    {
        var server = await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.ServerId, ct)
            ?? throw new ServerGoneException();
        var protectedPassword = message.Credentials == CredentialSource.Server
            ? server.ProtectedPassword
            : message.SenderKind == SenderKind.Channel
                ? await db.EmailChannels.Where(c => c.Id == int.Parse(message.SenderId, CultureInfo.InvariantCulture)).Select(c => c.ProtectedPassword).SingleOrDefaultAsync(ct)
                : await db.Users.Where(u => u.Id == message.SenderId).Select(u => u.ProtectedSmtpPassword).SingleOrDefaultAsync(ct);
        return SmtpEndpoint.For(server, message.Login, protectedPassword is null ? null : secrets.Unprotect(protectedPassword));
    }

    private sealed class ServerGoneException() : Exception("The server this message was resolved to no longer exists.");

    private sealed record Failure(Diagnostic Diagnostic, string? Reply, bool Temporary, bool NeedsConfiguration = false);

    private static Failure? Explain(Exception exception, SmtpEndpoint? endpoint) => exception switch
    {
        SmtpCommandException command => new Failure(SmtpReplyDiagnostics.Explain((int)command.StatusCode, command.Message),
            $"{(int)command.StatusCode} {command.Message}", (int)command.StatusCode < 500),
        ServiceNotAuthenticatedException notSignedIn => new Failure(SmtpReplyDiagnostics.Explain(530, notSignedIn.Message), $"530 {notSignedIn.Message}", false, true),
        AuthenticationException auth => new Failure(SmtpReplyDiagnostics.Explain(535, auth.Message), auth.Message, false, true),
        SslHandshakeException tls => new Failure(ConnectionDiagnostics.TlsHandshakeFailed(tls.InnerException?.Message ?? tls.Message), tls.Message, false),
        SocketException socket => new Failure(ConnectionDiagnostics.FromSocket(socket, endpoint?.Host ?? "", endpoint?.Port ?? 0, endpoint?.TimeoutSeconds ?? 0),
            socket.Message, true),
        ServerGoneException gone => new Failure(new Diagnostic(DiagnosticCode.Unknown, gone.Message, "Send the message again; it will be resolved anew."), null, false),
        IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            => new Failure(new Diagnostic(DiagnosticCode.TemporaryFailure, $"The connection failed: {exception.Message}", "Nothing to do: the message is retried."), exception.Message, true),
        _ => null,
    };
}
