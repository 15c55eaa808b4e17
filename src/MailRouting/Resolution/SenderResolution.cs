using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Projects;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Resolution;

/// <summary>A sender's resolution, with what is needed to act on it: the server row and the decrypted credentials.</summary>
public sealed record ResolvedSender(RoutingSender Sender, Resolution Resolution, SmtpServer? Server, string? SenderSecret)
{
    /// <summary>The connected mailbox an OAuth2 login of the plan uses; null when the plan signs in with a password or there is no plan.</summary>
    public GrantKey? Grant => Resolution.Plan is { Server.UsesOAuth: true } plan ? GrantKey.For(plan.Credentials, plan.Server.Id, Sender.Kind, Sender.Id) : null;

    public override string ToString() => $"{Sender.Address}: {(Resolution.Ok ? Resolution.Plan!.Summary : Resolution.Failure!.Code)}";
}

/// <summary>Finds a channel or user and the servers (in the <see cref="RoutingCache"/>), then asks the pure <see cref="SenderResolver"/>.</summary>
public sealed class SenderResolution(MailRoutingDbContext db, SenderResolver resolver, SignInSecrets signIns,
    RoutingCache cache, ChannelAccessRules access, ProjectContexts projects)
{
    /// <param name="context">Who would send, in which project and with which Reply-To;
    /// null when only explaining.</param>
    public async Task<ResolvedSender?> ForChannelAsync(int id, CancellationToken ct, SendContext? context = null)
    {
        var sender = await cache.GetAsync($"channel:{id}", async c =>
            await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(ch => ch.Id == id, c) is { } channel
                ? new KnownSender(RoutingSender.From(channel, await access.ForAsync(channel, ChannelUse.Sender, c),
                    await HasGrantAsync(GrantOwner.Channel,
                        channel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c),
                    [.. (await projects.LimitsAsync([channel.Id], c))[channel.Id]]), channel.ProtectedPassword)
                : null, ct);
        return sender is null ? null : await ResolveKeptAsync(sender, context, ct);
    }

    /// <param name="context">Who would send, in which project and with which Reply-To;
    /// null when only explaining.</param>
    public async Task<ResolvedSender?> ForUserAsync(string id, CancellationToken ct, SendContext? context = null)
    {
        var sender = await cache.GetAsync($"user:{id}", async c =>
            await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, c) is { } user
                ? new KnownSender(RoutingSender.From(user, await HasGrantAsync(GrantOwner.User, user.Id, c)), user.ProtectedSmtpPassword)
                : null, ct);
        return sender is null ? null : await ResolveKeptAsync(sender, context, ct);
    }

    /// <summary>How the sender's mail would go out with this own login and password, before they are saved (to test them first).</summary>
    public async Task<ResolvedSender> WithOwnLoginAsync(ResolvedSender resolved, string? username, string protectedPassword, CancellationToken ct) =>
        await ResolveAsync(new KnownSender(resolved.Sender with { Username = username, HasPassword = true }, protectedPassword), null, ct);

    /// <summary>How a channel's mail would go out with settings not saved yet (the edit form's test).</summary>
    /// <param name="connected">Whether the channel's own login has a connected mailbox (it is the saved login, and connected).</param>
    public async Task<ResolvedSender> ForUnsavedChannelAsync(EmailChannel channel, bool connected, CancellationToken ct) =>
        await ResolveAsync(new KnownSender(RoutingSender.From(channel, isConnected: connected), channel.ProtectedPassword), null, ct);

    /// <summary>How a user's mail would go out with settings not saved yet (a move's test).</summary>
    /// <param name="connected">Whether the user's own login has a connected mailbox.</param>
    public async Task<ResolvedSender> ForUnsavedUserAsync(AppUser user, bool connected, CancellationToken ct) =>
        await ResolveAsync(new KnownSender(RoutingSender.From(user, connected), user.ProtectedSmtpPassword), null, ct);

    /// <summary>The SMTP session a real send would open for this plan, with the password decrypted (or the access token fetched) only now.</summary>
    public Task<SignIn> SignInForAsync(ResolvedSender resolved, CancellationToken ct)
    {
        var plan = resolved.Resolution.Plan ?? throw new InvalidOperationException("Only a successful resolution has an endpoint.");
        var server = resolved.Server!;
        var protectedPassword = plan.Credentials == CredentialSource.Sender ? resolved.SenderSecret : server.ProtectedPassword;
        return signIns.EndpointAsync(server, plan.Login, protectedPassword,
            GrantKey.For(plan.Credentials, server.Id, resolved.Sender.Kind, resolved.Sender.Id), ct);
    }

    /// <summary>Every server as the resolver sees it, the default first, then by name; from the cache.</summary>
    public async Task<IReadOnlyList<RoutingServer>> ServersAsync(CancellationToken ct) => (await ServerSetAsync(ct)).Routing;

    public async Task<int?> DefaultServerIdAsync(CancellationToken ct) => (await ServerSetAsync(ct)).Routing.FirstOrDefault(s => s.IsDefault)?.Id;

    private ValueTask<ServerSet> ServerSetAsync(CancellationToken ct) =>
        cache.GetAsync("servers", async c => new ServerSet(await db.SmtpServers.AsNoTracking().ToListAsync(c),
            [.. await db.OAuthGrants.Where(g => g.Owner == GrantOwner.Server).Select(g => g.OwnerId).ToListAsync(c)]), ct);

    private Task<bool> HasGrantAsync(GrantOwner owner, string id, CancellationToken ct) =>
        db.OAuthGrants.AnyAsync(g => g.Owner == owner && g.OwnerId == id, ct);

    private async Task<ResolvedSender> ResolveAsync(KnownSender sender, SendContext? context, CancellationToken ct)
    {
        var servers = await ServerSetAsync(ct);
        return Resolved(sender, servers, resolver.Resolve(sender.Sender, servers.Routing, context));
    }

    /// <summary>A saved sender's route is kept with it in the cache;
    /// only the send's rights are decided on every call.</summary>
    private async Task<ResolvedSender> ResolveKeptAsync(KnownSender sender, SendContext? context, CancellationToken ct)
    {
        var servers = await ServerSetAsync(ct);
        return Resolved(sender, servers,
            SenderResolver.Decide(sender.Sender, sender.RouteOn(servers, resolver), context));
    }

    private static ResolvedSender Resolved(KnownSender sender, ServerSet servers, Resolution resolution) =>
        new(sender.Sender, resolution, resolution.Plan is { } plan ? servers.Rows[plan.Server.Id] : null,
            sender.ProtectedSecret);

    /// <summary>A sender with its password still protected, and its route
    /// on the server set it was last resolved with.</summary>
    private sealed class KnownSender(RoutingSender sender, string? protectedSecret)
    {
        private Kept? kept;

        public RoutingSender Sender => sender;

        public string? ProtectedSecret => protectedSecret;

        /// <summary>
        /// The route on these servers, kept while they are the same set. Sender and servers come from the cache, so a
        /// change starts a new generation with new objects, and nothing stale outlives its generation.
        /// </summary>
        public Resolution RouteOn(ServerSet servers, SenderResolver resolver)
        {
            if (Volatile.Read(ref kept) is { } last && ReferenceEquals(last.Servers, servers))
            {
                return last.Route;
            }

            var route = resolver.Route(sender, servers.Routing);
            Volatile.Write(ref kept, new Kept(servers, route));
            return route;
        }

        private sealed record Kept(ServerSet Servers, Resolution Route);
    }

    /// <summary>Shared by every request until the next change: read, never modified.</summary>
    /// <param name="connected">Ids of the servers whose own mailbox is connected (OAuth2).</param>
    private sealed class ServerSet(List<SmtpServer> rows, HashSet<string> connected)
    {
        public Dictionary<int, SmtpServer> Rows { get; } = rows.ToDictionary(s => s.Id);

        /// <summary>The default first, then by name: the order of every server list.</summary>
        public IReadOnlyList<RoutingServer> Routing { get; } =
            [.. rows.Select(s => RoutingServer.From(s, connected.Contains(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}
