using System.Globalization;
using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Readiness;

/// <summary>
/// The readiness page's one step: move channels and users to another server (typically Microsoft Graph), each only
/// after a test of it there, as a send from it would go, succeeds; one that would not send stays where it is. A moved
/// sender's held messages go with it.
/// </summary>
public sealed class SenderMoves(MailRoutingDbContext db, SenderResolution resolution, SenderTester tester,
    TimeProvider time, ILogger<SenderMoves> logger)
{
    /// <summary>The most channels and users one move takes.</summary>
    public const int MaxSenders = 200;

    /// <returns>One result per channel and user, or null when the target server does not exist.</returns>
    public async Task<IReadOnlyList<SenderMoveResult>?> MoveAsync(int serverId, IReadOnlyCollection<int> channelIds,
        IReadOnlyCollection<string> userIds, string? recipient, CancellationToken ct)
    {
        if (await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, ct) is not { } server)
        {
            return null;
        }

        var results = new List<SenderMoveResult>();
        foreach (var id in channelIds.Distinct())
        {
            results.Add(await MoveChannelAsync(id, server, recipient, ct));
        }

        foreach (var id in userIds.Distinct(StringComparer.Ordinal))
        {
            results.Add(await MoveUserAsync(id, server, recipient, ct));
        }

        return results;
    }

    private async Task<SenderMoveResult> MoveChannelAsync(int id, SmtpServer server, string? recipient,
        CancellationToken ct)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        if (await db.EmailChannels.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } channel)
        {
            return new SenderMoveResult(SenderKind.Channel, key, null, false, "No such channel.");
        }

        var candidate = await db.EmailChannels.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        candidate.ServerId = server.Id;
        var resolved = await resolution.ForUnsavedChannelAsync(candidate,
            await ConnectedAsync(GrantOwner.Channel, key, ct), ct);
        return await TestedAndMovedAsync(SenderKind.Channel, key, channel.Address, resolved, server, recipient, () =>
        {
            channel.ServerId = server.Id;
            channel.Version = Guid.NewGuid();
        }, ct);
    }

    private async Task<SenderMoveResult> MoveUserAsync(string id, SmtpServer server, string? recipient,
        CancellationToken ct)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) is not { } user)
        {
            return new SenderMoveResult(SenderKind.User, id, null, false, "No such user.");
        }

        var candidate = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, ct);
        candidate.ServerId = server.Id;
        var resolved = await resolution.ForUnsavedUserAsync(candidate, await ConnectedAsync(GrantOwner.User, id, ct),
            ct);
        return await TestedAndMovedAsync(SenderKind.User, id, user.Email!, resolved, server, recipient,
            () => user.ServerId = server.Id, ct);
    }

    /// <param name="move">Sets the sender's server on the tracked row, saved only after the test passed.</param>
    private async Task<SenderMoveResult> TestedAndMovedAsync(SenderKind kind, string id, string name,
        ResolvedSender candidate, SmtpServer server, string? recipient, Action move, CancellationToken ct)
    {
        var test = await tester.TestAsync(candidate, recipient, ct);
        if (test is not { Failure: null, Report.Success: true })
        {
            return new SenderMoveResult(kind, id, name, false,
                $"Not moved: {test.Failure?.Message ?? test.Report?.Diagnostic?.Message ?? "the test failed."}");
        }

        move();
        await db.SaveChangesAsync(ct);
        var held = await db.MoveHeldForSenderAsync(kind, id, await db.RoutingServerAsync(server, ct),
            $"{name} moved to {server.Name} after a successful test there.", time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("{Kind} {SenderId} moved to server {ServerId} after a successful test, with {Held} held "
            + "messages", kind, id, server.Id, held);
        return new SenderMoveResult(kind, id, name, true, $"Tested and moved to {server.Name} "
            + $"({server.Transport.Describe()}){(held > 0 ? $"; {held} held message(s) go there now" : "")}.");
    }

    private Task<bool> ConnectedAsync(GrantOwner owner, string id, CancellationToken ct) =>
        db.OAuthGrants.AnyAsync(g => g.Owner == owner && g.OwnerId == id, ct);
}
