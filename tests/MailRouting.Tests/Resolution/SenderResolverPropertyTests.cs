using CsCheck;
using MailRouting.Channels;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;

namespace MailRouting.Tests.Resolution;

/// <summary>
/// The invariants of DESIGN §2 over thousands of random configurations, each checked against an independent model of the
/// servers' sender rules (<see cref="ServerSenderRules"/>) rather than against the plan's own view of the server.
/// </summary>
public sealed class SenderResolverPropertyTests
{
    private const int Iterations = 2000;

    private static readonly string[] Addresses = ["support@acme.test", "sales@acme.test", "agent@acme.test", "jane@acme.test", "news@brand.test", "help@other.test"];
    private static readonly string[] Logins = ["relay@acme.test", "agent@acme.test", "news@brand.test", "login-name"];
    private static readonly string[] Grantable = [.. Addresses, "*@acme.test", "*@brand.test"];
    private static readonly SenderResolver Resolver = new(new SenderNameFormat("{name} via {organization}", "Acme"));

    /// <summary>A configuration as an admin stored it, and the servers' own rules it was derived from.</summary>
    public sealed record Configuration(List<SmtpServer> Servers, EmailChannel? Channel, AppUser? User, ServerSenderRules Rules)
    {
        public RoutingSender Sender => Channel is not null ? RoutingSender.From(Channel) : RoutingSender.From(User!);

        public IReadOnlyCollection<RoutingServer> Routing => Servers.Select(s => RoutingServer.From(s, isConnected: false)).ToList();

        public SmtpServer? EffectiveServer =>
            Sender.ServerId is { } id ? Servers.FirstOrDefault(s => s.Id == id) : Servers.Single(s => s.IsDefault);

        public Configuration FollowingTheDefault()
        {
            if (Channel is not null)
            {
                Channel.ServerId = null;
                Channel.IsActive = true;
            }
            else
            {
                User!.ServerId = null;
            }

            return this;
        }

        public Configuration WithDefault(int id)
        {
            foreach (var server in Servers)
            {
                server.IsDefault = server.Id == id;
            }

            return this;
        }
    }

    /// <summary>One custom server's account: what its MTA lets the login send as, and how much of that the admin entered.</summary>
    private sealed record Account(SmtpAuthMethod Auth, int LoginPick, string[] Granted, int SenderPick, bool[] Entered, bool HasPassword);

    private static readonly Gen<Account> Accounts =
        Gen.Select(Gen.OneOf(SmtpAuthMethod.None, SmtpAuthMethod.Plain, SmtpAuthMethod.Login, SmtpAuthMethod.CramMd5), Gen.Int[0, Logins.Length - 1],
                Gen.OneOf(Grantable).Array[0, 4], Gen.Int[0, 10], Gen.Bool.Array[1, 6], Gen.Bool)
            .Select((auth, login, granted, senderPick, entered, hasPassword) => new Account(auth, login, granted, senderPick, entered, hasPassword));

    private static SmtpServer CustomServer(int id, Account account, ServerSenderRules rules)
    {
        var login = account.Auth == SmtpAuthMethod.None ? null : Logins[account.LoginPick];
        var owned = account.Granted.Concat(login is not null && login.Contains('@', StringComparison.Ordinal) ? [login] : []).Distinct().ToList();
        var mailboxes = owned.Where(a => !a.StartsWith('*')).ToList();
        if (mailboxes.Count == 0)
        {
            mailboxes.Add(Addresses[account.SenderPick % Addresses.Length]);
            owned.Add(mailboxes[0]);
        }

        rules.Grant(id, login, owned);
        var senderAddress = mailboxes[account.SenderPick % mailboxes.Count];
        return new SmtpServer
        {
            Id = id, Name = $"Server {id}", Host = "smtp.acme.test", Port = 587, Kind = ServerKind.Custom, AuthMethod = account.Auth, Username = login,
            SenderAddress = senderAddress,
            // The admin enters part of what the server allows, never more.
            SendAs = [.. owned.Where((_, i) => account.Entered[i % account.Entered.Length]).Where(a => a != senderAddress)],
            ProtectedPassword = account.HasPassword && login is not null ? "stored" : null,
        };
    }

    internal static readonly Gen<Configuration> Configurations =
        Gen.Select(Accounts.List[0, 5], Gen.Bool, Gen.Int[0, 100], Gen.Int[-1, 6])
        .SelectMany(t => Gen.Select(Gen.Bool, Gen.OneOf(Addresses), Gen.Bool, Gen.Bool, Gen.OneOf<string?>(null, "", "own-login", "support@acme.test"), Gen.Bool)
            .Select((isChannel, address, active, overrides, username, hasPassword) =>
            {
                var (accounts, internalAuth, defaultPick, serverPick) = t;
                var rules = new ServerSenderRules();
                var internalLogin = internalAuth ? "relay@acme.test" : null;
                rules.Grant(1, internalLogin, ["noreply@acme.test"]);
                var servers = new List<SmtpServer>
                {
                    new()
                    {
                        Id = 1, Name = "Internal", Host = "localhost", Port = 25, Kind = ServerKind.Internal, SenderAddress = "noreply@acme.test",
                        AuthMethod = internalAuth ? SmtpAuthMethod.Plain : SmtpAuthMethod.None, Username = internalLogin,
                        ProtectedPassword = internalAuth ? "stored" : null,
                    },
                };
                servers.AddRange(accounts.Select((account, i) => CustomServer(i + 2, account, rules)));
                servers[defaultPick % servers.Count].IsDefault = true;
                // -1 follows the default; an id past the end is a server that no longer exists.
                int? serverId = serverPick < 0 ? null : serverPick == 6 ? 99 : (serverPick % servers.Count) + 1;
                var ownLogin = string.IsNullOrWhiteSpace(username) ? address : username;
                // A channel's or user's own login owns its own address on every server, as a mailbox provider arranges it.
                foreach (var server in servers)
                {
                    rules.Grant(server.Id, ownLogin, [address]);
                }

                var storedPassword = hasPassword ? "stored" : null;
                return isChannel
                    ? new Configuration(servers, new EmailChannel
                    {
                        Id = 7, Name = "Support", Address = address, DisplayName = "Support Team", IsActive = active, ServerId = serverId,
                        OverrideCredentials = overrides, Username = username, ProtectedPassword = storedPassword,
                    }, null, rules)
                    : new Configuration(servers, null, new AppUser
                    {
                        Id = "u1", Email = address, UserName = address, DisplayName = "Jane Agent", ServerId = serverId,
                        OverrideCredentials = overrides, SmtpUsername = username, ProtectedSmtpPassword = storedPassword,
                    }, rules);
            }));

    [Fact]
    public void Resolve_EveryPlan_SignsInAsTheConfiguredLoginAndSendsFromAnAddressTheServerAccepts() =>
        Configurations.Sample(config =>
        {
            if (Resolver.Resolve(config.Sender, config.Routing).Plan is not { } plan)
            {
                return;
            }

            var server = config.EffectiveServer!;
            var ownLogin = server.Kind == ServerKind.Custom && config.Sender.OverrideCredentials;
            var expectedLogin = ownLogin ? config.Sender.Login : server.AuthMethod == SmtpAuthMethod.None ? null : server.Username;
            Assert.Equal(server.Id, plan.Server.Id);
            Assert.Equal(ownLogin ? CredentialSource.Sender : CredentialSource.Server, plan.Credentials);
            Assert.Equal(expectedLogin, plan.Login);
            Assert.True(config.Rules.Accepts(server.Id, plan.Login, plan.From.Address),
                $"{server.Name} would refuse From {plan.From.Address} signed in as {plan.Login ?? "nobody"}.");
        }, iter: Iterations);

    [Fact]
    public void Resolve_KeepsTheSendersOwnAddressWheneverTheConfigurationShowsTheServerAcceptsIt() =>
        Configurations.Sample(config =>
        {
            if (Resolver.Resolve(config.Sender, config.Routing).Plan is not { } plan || plan.Server.Kind == ServerKind.Internal)
            {
                return;
            }

            var server = config.EffectiveServer!;
            var entered = new ServerSenderRules();
            entered.Grant(server.Id, plan.Login, server.SendAs.Append(server.SenderAddress));
            var known = plan.Credentials == CredentialSource.Sender || entered.Accepts(server.Id, plan.Login, config.Sender.Address);
            Assert.Equal(known, string.Equals(plan.From.Address, config.Sender.Address, StringComparison.OrdinalIgnoreCase));
        }, iter: Iterations);

    [Fact]
    public void Resolve_FailsExactlyWhenAPasswordIsMissingTheChannelIsInactiveOrTheServerIsGone() =>
        Configurations.Sample(config =>
        {
            var sender = config.Sender;
            var server = config.EffectiveServer;
            var expected =
                sender.Kind == SenderKind.Channel && !sender.IsActive ? FailureCodes.ChannelInactive
                : server is null ? FailureCodes.ServerMissing
                : server.Kind == ServerKind.Custom && sender.OverrideCredentials ? (sender.HasPassword ? null : FailureCodes.MissingPassword)
                : server.AuthMethod != SmtpAuthMethod.None && server.ProtectedPassword is null ? FailureCodes.MissingPassword
                : null;

            var resolution = Resolver.Resolve(sender, config.Routing);

            Assert.Equal(expected, resolution.Failure?.Code);
            Assert.Equal(expected is null, resolution.Ok);
        }, iter: Iterations);

    [Fact]
    public void Resolve_SendersFollowingTheDefault_MoveWithIt() =>
        Configurations.Select(c => c.FollowingTheDefault()).Sample(config =>
        {
            foreach (var server in config.Servers.ToList())
            {
                var resolution = Resolver.Resolve(config.WithDefault(server.Id).Sender, config.Routing);
                if (resolution.Plan is { } plan)
                {
                    Assert.Equal(server.Id, plan.Server.Id);
                }
            }
        }, iter: Iterations);

    [Fact]
    public void Resolve_ReplyToIsSetExactlyWhenFromIsRewritten() =>
        Configurations.Sample(config =>
        {
            if (Resolver.Resolve(config.Sender, config.Routing).Plan is { } plan)
            {
                var rewritten = !string.Equals(plan.From.Address, config.Sender.Address, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(rewritten ? config.Sender.Address : null, plan.ReplyTo);
                Assert.Equal(rewritten ? $"{config.Sender.DisplayName} via Acme" : config.Sender.DisplayName, plan.From.Name);
            }
        }, iter: Iterations);
}
