using System.Globalization;
using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// The session the resolution snapshot on a message asked for, with the password decrypted (or the access token fetched)
/// only now, when it is used.
/// </summary>
public sealed class RouteLoader(MailRoutingDbContext db, SignInSecrets signIns)
{
    public async Task<Route> ForAsync(OutboxMessage message, CancellationToken ct)
    {
        var server = await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.ServerId, ct);
        var grant = GrantKey.For(message.Credentials, message.ServerId, message.SenderKind, message.SenderId);
        if (server is null)
        {
            return new Route(null, 0, new SendFailure(new Diagnostic(DiagnosticCode.Unknown,
                "The server this message was resolved to no longer exists.", "Send the message again; it will be resolved anew."),
                null, false), grant);
        }

        var signIn = await signIns.EndpointAsync(server, message.Login, await ProtectedPasswordAsync(message, server.ProtectedPassword, ct),
            grant, ct);
        // Only a server that names a fallback needs itself and the fallback as the resolver sees them.
        var (routing, fallback) = server.FallbackServerId is null ? (null, null)
            : (await db.RoutingServerAsync(server, ct), await FallbackAsync(server, ct));
        return signIn.Failure is { } failure
            ? new Route(null, 0, new SendFailure(failure, null, failure.IsTemporary,
                NeedsConfiguration: !failure.IsTemporary), signIn.Grant, routing, fallback)
            : new Route(signIn.Endpoint, server.ConcurrentSessions, null, signIn.Grant, routing, fallback);
    }

    private async Task<RoutingServer?> FallbackAsync(SmtpServer server, CancellationToken ct) =>
        await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == server.FallbackServerId, ct)
            is { } fallback
            ? await db.RoutingServerAsync(fallback, ct)
            : null;

    private async Task<string?> ProtectedPasswordAsync(OutboxMessage message, string? serverPassword, CancellationToken ct) =>
        message.Credentials == CredentialSource.Server
            ? serverPassword
            : message.SenderKind == SenderKind.Channel
                ? await db.EmailChannels.Where(c => c.Id == int.Parse(message.SenderId, CultureInfo.InvariantCulture))
                    .Select(c => c.ProtectedPassword).SingleOrDefaultAsync(ct)
                : await db.Users.Where(u => u.Id == message.SenderId).Select(u => u.ProtectedSmtpPassword).SingleOrDefaultAsync(ct);
}
