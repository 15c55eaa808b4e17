using MailRouting.Connections;
using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Readiness;

/// <summary>
/// Asks every custom SMTP server what it advertises (connect, TLS, EHLO, no sign-in), a few at a time, so the readiness
/// page shows whether each still offers password sign-in and XOAUTH2.
/// </summary>
public sealed class ServerProbe(MailRoutingDbContext db, SmtpConnectionTester tester)
{
    private const int AtOnce = 4;

    public async Task<IReadOnlyList<ServerAdvertisement>> ProbeAsync(CancellationToken ct)
    {
        var servers = await db.SmtpServers.AsNoTracking()
            .Where(s => s.Kind == ServerKind.Custom && s.Transport == ServerTransport.Smtp).OrderBy(s => s.Name)
            .ToListAsync(ct);
        using var slots = new SemaphoreSlim(AtOnce);
        return await Task.WhenAll(servers.Select(async server =>
        {
            await slots.WaitAsync(ct);
            try
            {
                return Advertised(server, await tester.TestAsync(SmtpEndpoint.For(server, null, null), null, ct));
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private static ServerAdvertisement Advertised(SmtpServer server, ConnectionTestReport report)
    {
        if (report.AuthMechanisms is not { } mechanisms)
        {
            return new ServerAdvertisement(server.Id, server.Name, server.Host, server.Port, null, false,
                $"Not reached: {report.Diagnostic?.Message ?? "the connection failed"}");
        }

        var oauth = mechanisms.Contains("XOAUTH2") || mechanisms.Contains("OAUTHBEARER");
        var summary = mechanisms.Count == 0
            ? "Advertises no sign-in (no AUTH line after EHLO)."
            : $"Advertises AUTH {string.Join(" ", mechanisms)}{(oauth ? "" : "; no OAuth2 (XOAUTH2 or OAUTHBEARER)")}.";
        return new ServerAdvertisement(server.Id, server.Name, server.Host, server.Port, mechanisms, oauth, summary);
    }
}
