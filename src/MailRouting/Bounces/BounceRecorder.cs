using MailRouting.Bounces.Parsing;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MailRouting.Bounces;

/// <summary>
/// Records a bounce read from a mailbox: one row per recipient, matched to its message where it can be, and the
/// suppressions it causes, in one transaction. A mailbox message another instance recorded first is not recorded twice.
/// </summary>
public sealed class BounceRecorder(MailRoutingDbContext db, BounceMatcher matcher, IOptions<BounceOptions> options,
    TimeProvider time, ILogger<BounceRecorder> logger)
{
    /// <summary>Where the bounce is in its mailbox, and where it goes once recorded.</summary>
    public sealed record Place(int ChannelId, long UidValidity, long Uid, string Folder);

    /// <returns>The rows recorded; empty when this mailbox message was recorded already.</returns>
    public async Task<IReadOnlyList<Bounce>> RecordAsync(Place place, MimeMessage message, BounceReport report,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var matched = await matcher.MatchAsync(report, ct);
        List<BouncedRecipient?> recipients = report.Recipients.Count == 0 ? [null] : [.. report.Recipients];
        var rows = recipients.Select(r => new Bounce
        {
            ReceivedAt = now, ChannelId = place.ChannelId, UidValidity = place.UidValidity, Uid = place.Uid,
            Recipient = r?.Address.ToLowerInvariant() ?? "", Kind = r?.Kind ?? BounceKind.Unknown,
            Status = r?.Status ?? "",
            Reply = Shortened(r?.Reply), ReportedBy = r?.ReportedBy, Format = report.Format,
            OutboxMessageId = matched.MessageId, MatchedBy = matched.How, OriginalMessageId = report.OriginalMessageId,
            Subject = Shortened(message.Subject) ?? "", From = message.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            Folder = place.Folder,
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Bounces.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            rows.ForEach(row => db.Entry(row).State = EntityState.Detached);
            if (await RecordedAlreadyAsync(place, ct))
            {
                return [];
            }

            throw;
        }

        foreach (var row in rows)
        {
            await SuppressAsync(row, matched.WasSentTo(row.Recipient), now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Bounce {Format} in channel {ChannelId} UID {Uid}: {Count} recipients, matched by {How}",
            report.Format, place.ChannelId, place.Uid, report.Recipients.Count, matched.How);
        return rows;
    }

    private async Task SuppressAsync(Bounce bounce, bool sentToIt, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-options.Value.SoftBounceDays);
        var softBefore = bounce.Kind != BounceKind.Soft ? 0 : await db.Bounces.CountAsync(b =>
            b.Recipient == bounce.Recipient && b.Kind == BounceKind.Soft && b.OutboxMessageId != null
                && b.ReceivedAt >= since && b.Id != bounce.Id, ct);
        if (SuppressionRules.Decide(bounce.Kind, sentToIt, softBefore, options.Value) is not { } reason
            || await db.Suppressions.AnyAsync(s => s.Address == bounce.Recipient && s.RemovedAt == null, ct))
        {
            return;
        }

        db.Suppressions.Add(new Suppression
        {
            Address = bounce.Recipient, Reason = reason, Since = now, BounceId = bounce.Id,
            Detail = $"{BounceWording.Said(bounce)} ({(reason == SuppressionReason.HardBounce ? "hard bounce"
                : $"soft bounce {softBefore + 1} within {options.Value.SoftBounceDays} days")})",
        });
        logger.LogInformation("Suppressed {Recipient} after a {Reason}", bounce.Recipient, reason);
    }

    private Task<bool> RecordedAlreadyAsync(Place place, CancellationToken ct) =>
        db.Bounces.AnyAsync(b => b.ChannelId == place.ChannelId && b.UidValidity == place.UidValidity
            && b.Uid == place.Uid, ct);

    private static string? Shortened(string? text) => text is { Length: > 1000 } ? text[..999] + "…" : text;
}
