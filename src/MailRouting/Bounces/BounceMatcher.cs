using MailRouting.Bounces.Parsing;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Bounces;

/// <summary>Finds the sent message a bounce is about: by the VERP address it came back to, else by the Message-ID it
/// quotes.</summary>
public sealed class BounceMatcher(MailRoutingDbContext db)
{
    public sealed record Matched(Guid? MessageId, BounceMatch How, IReadOnlyList<string> Recipients)
    {
        public static readonly Matched Nothing = new(null, BounceMatch.None, []);

        /// <summary>Whether the bounced address was one the message was sent to; only then does it count.</summary>
        public bool WasSentTo(string address) => Recipients.Contains(address, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<Matched> MatchAsync(BounceReport report, CancellationToken ct)
    {
        foreach (var id in report.DeliveredTo.Select(Verp.MessageOf).OfType<Guid>().Distinct())
        {
            if (await RecipientsAsync(db.Outbox.Where(m => m.Id == id), ct) is { } recipients)
            {
                return new Matched(id, BounceMatch.Verp, recipients.Recipients);
            }
        }

        return report.OriginalMessageId is { } original
            && await RecipientsAsync(db.Outbox.Where(m => m.MessageId == original), ct) is { } byId
            ? new Matched(byId.Id, BounceMatch.MessageId, byId.Recipients)
            : Matched.Nothing;
    }

    private static async Task<(Guid Id, List<string> Recipients)?> RecipientsAsync(
        IQueryable<Outbox.OutboxMessage> messages, CancellationToken ct) =>
        await messages.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => new { m.Id, m.Recipients })
            .FirstOrDefaultAsync(ct) is { } found ? (found.Id, found.Recipients) : null;
}
