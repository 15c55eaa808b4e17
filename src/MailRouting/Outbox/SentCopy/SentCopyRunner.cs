using System.Globalization;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Outbox.SentCopy;

/// <summary>
/// One attempt at one claimed copy: reads the sender's mailbox settings as they are now, appends the message under the
/// copy's time limit and records the outcome. A failure that may pass is tried again later with back-off; a refusal
/// that needs a change (sign-in, folder, certificate) and the last of <see cref="MaxAttempts"/> end the job.
/// </summary>
public sealed class SentCopyRunner(MailRoutingDbContext db, MailboxLogins logins, UserMailboxPolicy userMailboxes, SendingOptions options,
    WorkerIdentity identity, LargeMessageMemory memory, TimeProvider time, ILogger<SentCopyRunner> logger)
{
    public const int MaxAttempts = 5;

    public async Task RunAsync(Guid outboxMessageId, CancellationToken ct)
    {
        var job = await db.SentCopies.SingleOrDefaultAsync(j => j.OutboxMessageId == outboxMessageId && j.LeaseOwner == identity.Name, ct);
        var message = await db.Outbox.AsNoTracking().Where(m => m.Id == outboxMessageId)
            .Select(m => new { m.Mime, m.SenderKind, m.SenderId, m.ServerId, m.Credentials }).SingleOrDefaultAsync(ct);
        if (job is null || message is null)
        {
            return;
        }

        var incoming = await MailboxAsync(message.SenderKind, message.SenderId, ct);
        (string? Folder, Diagnostic? Failure) outcome;
        if (incoming is null)
        {
            outcome = (null, new Diagnostic(DiagnosticCode.Unknown, "Copy to Sent was turned off, or its mailbox is no longer allowed, before the copy was made.",
                "Nothing to do for this message; set copy to Sent again for the next ones."));
        }
        else
        {
            var server = await db.SmtpServers.AsNoTracking().Where(s => s.Id == message.ServerId).Select(s => (SmtpAuthMethod?)s.AuthMethod).SingleOrDefaultAsync(ct);
            // An OAuth2 mailbox signs in with the token of the login the message went out with.
            var grant = server == SmtpAuthMethod.OAuth2 ? GrantKey.For(message.Credentials, message.ServerId, message.SenderKind, message.SenderId) : null;
            var login = await logins.ForAsync(incoming, grant, ct);
            outcome = await SentFolderCopier.CopyAsync(incoming, login, job.Folder, message.Mime, options.SentCopyTimeout, ct);
            memory.Handled(message.Mime.Length);
        }

        Record(job, outcome.Folder, outcome.Failure);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The sender's IMAP mailbox now; a user's only while the admin still allows its host.</summary>
    private async Task<IncomingSettings?> MailboxAsync(SenderKind kind, string senderId, CancellationToken ct)
    {
        if (kind == SenderKind.Channel)
        {
            var channelId = int.Parse(senderId, CultureInfo.InvariantCulture);
            return await db.EmailChannels.AsNoTracking().Where(c => c.Id == channelId && c.CopyToSentFolder != null && c.Incoming.Protocol == IncomingProtocol.Imap)
                .Select(c => c.Incoming).SingleOrDefaultAsync(ct);
        }

        var incoming = await db.Users.AsNoTracking().Where(u => u.Id == senderId && u.CopyToSentFolder != null && u.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(u => u.Incoming).SingleOrDefaultAsync(ct);
        return incoming is not null && (await userMailboxes.AllowedAsync(ct)).Contains(UserMailboxPolicy.Key(incoming.Host ?? "", incoming.Port ?? 0))
            ? incoming
            : null;
    }

    private void Record(SentCopyJob job, string? folder, Diagnostic? failure)
    {
        var now = time.GetUtcNow().UtcDateTime;
        job.Attempts++;
        job.LeaseOwner = null;
        job.LeaseUntil = null;
        if (failure is null)
        {
            job.Status = SentCopyStatus.Copied;
            job.CopiedAt = now;
            job.CopiedTo = folder;
            (job.DiagnosticCode, job.Diagnostic, job.Fix) = (null, null, null);
            return;
        }

        var again = failure.IsTemporary && job.Attempts < MaxAttempts;
        job.Status = again ? SentCopyStatus.Pending : SentCopyStatus.Failed;
        job.NextAttemptAt = again ? now + Backoff(job.Attempts) : now;
        (job.DiagnosticCode, job.Diagnostic, job.Fix) = (failure.Code.ToString(), failure.Message, failure.Fix);
        logger.LogWarning("Message {MessageId} was sent but not copied to the Sent folder (attempt {Attempt}, {Outcome}): {Code}",
            job.OutboxMessageId, job.Attempts, job.Status, failure.Code);
    }

    /// <summary>One minute, doubling with each attempt.</summary>
    private static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));
}
