using CsCheck;
using MailRouting.Channels;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;

namespace MailRouting.Tests.Resolution;

/// <summary>The invariants of DESIGN §2 over thousands of random configurations.</summary>
public sealed class SenderResolverPropertyTests
{
    private const int Iterations = 2000;

    private static readonly string[] Addresses = ["support@acme.test", "sales@acme.test", "agent@acme.test", "jane@acme.test", "news@brand.test", "help@other.test"];
    private static readonly SenderResolver Resolver = new(new SenderNameFormat("{name} via {organization}", "Acme"));

    /// <summary>A configuration as stored: entities with their (here: plain) secrets, so a leak would be visible.</summary>
    public sealed record Configuration(List<SmtpServer> Servers, EmailChannel? Channel, AppUser? User, List<string> Secrets)
    {
        public RoutingSender Sender => Channel is not null ? RoutingSender.From(Channel) : RoutingSender.From(User!);

        public IReadOnlyCollection<RoutingServer> Routing => Servers.Select(RoutingServer.From).ToList();

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

    private static readonly Gen<string> Secret = Gen.String[Gen.Char.AlphaNumeric, 12, 20].Select(s => "pw-" + s);
    private static readonly Gen<string> Address = Gen.OneOf(Addresses);

    private static readonly Gen<SmtpServer> CustomServer =
        Gen.Select(Gen.OneOf(SmtpAuthMethod.None, SmtpAuthMethod.Plain, SmtpAuthMethod.Login, SmtpAuthMethod.CramMd5), Gen.Bool, Address,
            Gen.OneOf(Addresses.Append("*@acme.test").Append("*@brand.test").ToArray()).Array[0, 3], Secret)
        .Select((auth, hasPassword, account, sendAs, secret) => new SmtpServer
        {
            Name = "", Host = "smtp.acme.test", Port = 587, Kind = ServerKind.Custom, AuthMethod = auth,
            Username = auth == SmtpAuthMethod.None ? null : account, SenderAddress = account, SendAs = [.. sendAs],
            ProtectedPassword = hasPassword && auth != SmtpAuthMethod.None ? secret : null,
        });

    private static readonly Gen<Configuration> Configurations =
        Gen.Select(CustomServer.List[0, 5], Gen.Bool, Secret, Gen.Int[0, 100], Gen.Int[-1, 6])
        .SelectMany(t => Gen.Select(Gen.Bool, Address, Gen.Bool, Gen.Bool, Gen.OneOf<string?>(null, "", "login-name", "support@acme.test"), Gen.Bool, Secret)
            .Select((isChannel, address, active, overrides, username, hasPassword, secret) =>
            {
                var (customs, internalAuth, internalSecret, defaultPick, serverPick) = t;
                var servers = new List<SmtpServer>
                {
                    new()
                    {
                        Name = "Internal", Host = "localhost", Port = 25, Kind = ServerKind.Internal, SenderAddress = "noreply@acme.test",
                        AuthMethod = internalAuth ? SmtpAuthMethod.Plain : SmtpAuthMethod.None, Username = internalAuth ? "relay@acme.test" : null,
                        ProtectedPassword = internalAuth ? internalSecret : null,
                    },
                };
                servers.AddRange(customs);
                for (var i = 0; i < servers.Count; i++)
                {
                    servers[i].Id = i + 1;
                    servers[i].Name = $"Server {i + 1}";
                }

                servers[defaultPick % servers.Count].IsDefault = true;
                // -1 follows the default; an id past the end is a server that no longer exists.
                int? serverId = serverPick < 0 ? null : serverPick == 6 ? 99 : (serverPick % servers.Count) + 1;
                var storedPassword = hasPassword ? secret : null;
                var secrets = servers.Select(s => s.ProtectedPassword).Append(storedPassword).OfType<string>().ToList();
                return isChannel
                    ? new Configuration(servers, new EmailChannel
                    {
                        Id = 7, Name = "Support", Address = address, DisplayName = "Support Team", IsActive = active, ServerId = serverId,
                        OverrideCredentials = overrides, Username = username, ProtectedPassword = storedPassword,
                    }, null, secrets)
                    : new Configuration(servers, null, new AppUser
                    {
                        Id = "u1", Email = address, UserName = address, DisplayName = "Jane Agent", ServerId = serverId,
                        OverrideCredentials = overrides, SmtpUsername = username, ProtectedSmtpPassword = storedPassword,
                    }, secrets);
            }));

    private static HashSet<string> Allowed(SendPlan plan, RoutingSender sender)
    {
        if (plan.Credentials == CredentialSource.Sender)
        {
            return new(StringComparer.OrdinalIgnoreCase) { sender.Address, sender.Login };
        }

        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { plan.Server.SenderAddress };
        if (plan.Server.Username is { } login && login.Contains('@', StringComparison.Ordinal))
        {
            allowed.Add(login);
        }

        // The oracle reads the Send-as list itself rather than trusting the code under test.
        foreach (var entry in plan.Server.SendAs)
        {
            allowed.UnionWith(entry.StartsWith('*') ? Addresses.Where(a => a.Split('@')[1] == entry[2..]) : [entry]);
        }

        return allowed;
    }

    [Fact]
    public void Resolve_EveryPlan_SendsFromAnAddressTheCredentialsOwn() =>
        Configurations.Sample(config =>
        {
            var resolution = Resolver.Resolve(config.Sender, config.Routing);
            if (resolution.Plan is { } plan)
            {
                Assert.Contains(plan.From.Address, Allowed(plan, config.Sender));
                Assert.Equal(plan.From.Address, plan.EnvelopeFrom);
            }
        }, iter: Iterations);

    [Fact]
    public void Resolve_FailsExactlyWhenAPasswordIsMissingTheChannelIsInactiveOrTheServerIsGone() =>
        Configurations.Sample(config =>
        {
            var sender = config.Sender;
            var server = sender.ServerId is { } id ? config.Servers.FirstOrDefault(s => s.Id == id) : config.Servers.Single(s => s.IsDefault);
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
    public void Resolve_NoExplanationContainsASecret() =>
        Configurations.Sample(config =>
        {
            var resolution = Resolver.Resolve(config.Sender, config.Routing);
            var text = string.Join("\n", resolution.Plan?.Steps ?? resolution.Failure!.Steps)
                + resolution.Plan?.Summary + resolution.Failure?.Message + resolution.Failure?.Fix;
            Assert.All(config.Secrets, secret => Assert.DoesNotContain(secret, text));
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
