using MailRouting.Data;
using MailRouting.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailRouting.Servers;

/// <summary>Keeps the Internal server's row equal to configuration; the first one becomes the default.</summary>
public sealed class InternalServerSeeder(MailRoutingDbContext db, IOptions<InternalServerOptions> options, SecretProtector secrets)
{
    public async Task SyncAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var server = await db.SmtpServers.SingleOrDefaultAsync(s => s.Kind == ServerKind.Internal, ct);
        if (server is null)
        {
            server = new SmtpServer { Name = "", Host = "", SenderAddress = "", Kind = ServerKind.Internal };
            server.IsDefault = !await db.SmtpServers.AnyAsync(s => s.IsDefault, ct);
            db.SmtpServers.Add(server);
        }

        server.Name = settings.Name;
        server.Host = settings.Host;
        server.Port = settings.Port;
        server.Security = settings.Security;
        server.AuthMethod = settings.AuthMethod;
        server.Username = settings.Username;
        server.ProtectedPassword = string.IsNullOrEmpty(settings.Password) ? null : secrets.Protect(settings.Password);
        server.SenderAddress = settings.SenderAddress;
        server.SenderName = settings.SenderName;
        server.ClientName = settings.ClientName;
        server.TimeoutSeconds = settings.TimeoutSeconds;
        server.PinnedCertificateSha256 = settings.PinnedCertificateSha256;
        server.SendAs = [];
        server.MaxMessagesPerSession = settings.MaxMessagesPerSession;
        server.MaxMessagesPerMinute = settings.MaxMessagesPerMinute;
        server.MaxConcurrentSessions = settings.MaxConcurrentSessions;
        await db.SaveChangesAsync(ct);
    }
}
