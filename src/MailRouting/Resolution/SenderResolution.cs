using MailRouting.Data;
using MailRouting.Delivery;
using MailRouting.Secrets;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Resolution;

/// <summary>A sender's resolution, with what is needed to act on it: the server row and the decrypted credentials.</summary>
public sealed record ResolvedSender(RoutingSender Sender, Resolution Resolution, SmtpServer? Server, string? SenderSecret)
{
    public override string ToString() => $"{Sender.Address}: {(Resolution.Ok ? Resolution.Plan!.Summary : Resolution.Failure!.Code)}";
}

/// <summary>Loads a channel or user and the servers, then asks the pure <see cref="SenderResolver"/>.</summary>
public sealed class SenderResolution(MailRoutingDbContext db, SenderResolver resolver, SecretProtector secrets)
{
    /// <param name="actor">Who would send; null when only explaining.</param>
    public async Task<ResolvedSender?> ForChannelAsync(int id, CancellationToken ct, Actor? actor = null)
    {
        var channel = await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return channel is null ? null : await ResolveAsync(RoutingSender.From(channel), channel.ProtectedPassword, actor, ct);
    }

    /// <param name="actor">Who would send; null when only explaining.</param>
    public async Task<ResolvedSender?> ForUserAsync(string id, CancellationToken ct, Actor? actor = null)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : await ResolveAsync(RoutingSender.From(user), user.ProtectedSmtpPassword, actor, ct);
    }

    /// <summary>The SMTP session a real send would open for this plan, with the password decrypted only now.</summary>
    public SmtpEndpoint EndpointFor(ResolvedSender resolved)
    {
        var plan = resolved.Resolution.Plan ?? throw new InvalidOperationException("Only a successful resolution has an endpoint.");
        var server = resolved.Server!;
        var protectedPassword = plan.Credentials == CredentialSource.Sender ? resolved.SenderSecret : server.ProtectedPassword;
        return SmtpEndpoint.For(server, plan.Login, protectedPassword is null ? null : secrets.Unprotect(protectedPassword));
    }

    private async Task<ResolvedSender> ResolveAsync(RoutingSender sender, string? senderSecret, Actor? actor, CancellationToken ct)
    {
        var servers = await db.SmtpServers.AsNoTracking().ToListAsync(ct);
        var resolution = resolver.Resolve(sender, servers.Select(RoutingServer.From).ToList(), actor);
        var server = resolution.Plan is { } plan ? servers.Single(s => s.Id == plan.Server.Id) : null;
        return new ResolvedSender(sender, resolution, server, senderSecret);
    }
}
