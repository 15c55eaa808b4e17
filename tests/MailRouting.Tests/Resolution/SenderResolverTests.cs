using MailRouting.Resolution;
using MailRouting.Servers;

namespace MailRouting.Tests.Resolution;

/// <summary>The four rows of the DESIGN §2 table, one example each, plus the failures.</summary>
public sealed class SenderResolverTests
{
    private static readonly SenderResolver Resolver = new(new SenderNameFormat(SenderNameFormat.Default, "Acme"));

    private static readonly RoutingServer Internal = new(1, "Internal", ServerKind.Internal, "localhost", 25, SmtpAuthMethod.None, null, false, "noreply@acme.test", [], IsDefault: false);
    private static readonly RoutingServer AcmeJets = new(2, "AcmeJets SMTP", ServerKind.Custom, "smtp.acme.test", 587, SmtpAuthMethod.Plain, "relay@acme.test", true, "relay@acme.test", ["sales@acme.test", "*@brand.test"], IsDefault: true);

    private static RoutingSender Channel(string address, int? serverId = null, bool overrides = false, bool hasPassword = false, bool active = true) =>
        new(SenderKind.Channel, "5", address, "Support", active, serverId, overrides, null, hasPassword);

    private static RoutingSender User(string address, int? serverId = null, bool overrides = false, bool hasPassword = false, string? username = null) =>
        new(SenderKind.User, "u1", address, "Jane Agent", true, serverId, overrides, username, hasPassword);

    /// <summary>The sender resolved for a person sending, on the two servers.</summary>
    private static MailRouting.Resolution.Resolution ResolveAs(RoutingSender sender, string user, bool admin = false) =>
        Resolver.Resolve(sender, [Internal, AcmeJets], new SendContext(new Actor(user, admin)));

    [Fact]
    public void Resolve_ChannelOnInternal_SendsAsInternalWithReplyToTheChannel()
    {
        var plan = Resolver.Resolve(Channel("support@acme.test", serverId: 1), [Internal, AcmeJets]).Plan!;

        Assert.Equal(Internal.Id, plan.Server.Id);
        Assert.Null(plan.Login);
        Assert.Equal(new Mailbox("Support", "noreply@acme.test"), plan.From);
        Assert.Equal("noreply@acme.test", plan.EnvelopeFrom);
        Assert.Equal("support@acme.test", plan.ReplyTo);
    }

    private static readonly RoutingServer Graph = new(3, "Graph", ServerKind.Custom, "graph.microsoft.com", 443,
        SmtpAuthMethod.OAuth2App,
        null, false, "noreply@acme.test", ["*@acme.test"], IsDefault: false, OAuthAppId: 7,
            Transport: ServerTransport.MicrosoftGraph);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_AppPermission_SendsAsTheSendersOwnMailbox_WithoutALoginOfItsOwn(bool overrides)
    {
        var plan = Resolver.Resolve(Channel("support@acme.test", serverId: 3, overrides: overrides), [Internal,
            AcmeJets, Graph]).Plan!;

        Assert.Equal(CredentialSource.Server, plan.Credentials);
        Assert.Equal("support@acme.test", plan.Login);
        Assert.Equal(new Mailbox("Support", "support@acme.test"), plan.From);
        Assert.Null(plan.ReplyTo);
        Assert.Contains("Microsoft Graph at graph.microsoft.com", plan.Steps[0]);
        Assert.Contains("with its own permission as the mailbox support@acme.test", plan.Summary + string.Join(" ",
            plan.Steps));
    }

    [Fact]
    public void Resolve_AppPermission_AddressNotAllowed_SendsAsTheServersMailbox_WithReplyTo()
    {
        var plan = Resolver.Resolve(Channel("news@brand.test", serverId: 3), [Internal, AcmeJets, Graph]).Plan!;

        Assert.Equal("noreply@acme.test", plan.Login);
        Assert.Equal("noreply@acme.test", plan.From.Address);
        Assert.Equal("news@brand.test", plan.ReplyTo);
    }

    [Fact]
    public void Resolve_ChannelWithOverride_UsesChannelLogin()
    {
        var plan = Resolver.Resolve(Channel("support@acme.test", overrides: true, hasPassword: true), [Internal, AcmeJets]).Plan!;

        Assert.Equal(CredentialSource.Sender, plan.Credentials);
        Assert.Equal("support@acme.test", plan.Login);
        Assert.Equal(new Mailbox("Support", "support@acme.test"), plan.From);
        Assert.Null(plan.ReplyTo);
        Assert.Contains("follows the default server, AcmeJets SMTP", plan.Steps[0]);
    }

    [Fact]
    public void Resolve_AddressInSendAs_KeepsItsOwnFromWithTheServerLogin()
    {
        var plan = Resolver.Resolve(Channel("news@brand.test"), [Internal, AcmeJets]).Plan!;

        Assert.Equal(CredentialSource.Server, plan.Credentials);
        Assert.Equal("relay@acme.test", plan.Login);
        Assert.Equal("news@brand.test", plan.From.Address);
        Assert.Null(plan.ReplyTo);
    }

    [Fact]
    public void Resolve_AddressNotAllowed_RewritesFromAndSetsReplyTo()
    {
        var resolver = new SenderResolver(new SenderNameFormat("{name} via {organization}", "Acme"));

        var plan = resolver.Resolve(User("jane@acme.test"), [Internal, AcmeJets]).Plan!;

        Assert.Equal("relay@acme.test", plan.Login);
        Assert.Equal(new Mailbox("Jane Agent via Acme", "relay@acme.test"), plan.From);
        Assert.Equal("jane@acme.test", plan.ReplyTo);
    }

    [Fact]
    public void Resolve_UserWithOverrideAndNoPassword_FailsWithTheProfileHint()
    {
        var failure = Resolver.Resolve(User("jane@acme.test", overrides: true), [Internal, AcmeJets]).Failure!;

        Assert.Equal(FailureCodes.MissingPassword, failure.Code);
        Assert.Equal("No email password is configured for jane@acme.test.", failure.Message);
        Assert.Equal("Set it on your Profile page.", failure.Fix);
    }

    [Fact]
    public void Resolve_OverrideOnInternal_IsIgnored()
    {
        var plan = Resolver.Resolve(User("jane@acme.test", serverId: 1, overrides: true), [Internal, AcmeJets]).Plan!;

        Assert.Equal(CredentialSource.Server, plan.Credentials);
        Assert.Equal("noreply@acme.test", plan.From.Address);
    }

    [Fact]
    public void Resolve_InactiveChannel_Fails() =>
        Assert.Equal(FailureCodes.ChannelInactive, Resolver.Resolve(Channel("support@acme.test", active: false), [Internal, AcmeJets]).Failure!.Code);

    [Fact]
    public void Resolve_DeletedServer_Fails() =>
        Assert.Equal(FailureCodes.ServerMissing, Resolver.Resolve(Channel("support@acme.test", serverId: 42), [Internal, AcmeJets]).Failure!.Code);

    [Fact]
    public void Resolve_UserLoginDiffersFromEmail_SignsInWithTheLogin()
    {
        var plan = Resolver.Resolve(User("jane@acme.test", overrides: true, hasPassword: true, username: "jdoe"), [Internal, AcmeJets]).Plan!;

        Assert.Equal("jdoe", plan.Login);
        Assert.Equal("jane@acme.test", plan.From.Address);
    }

    [Fact]
    public void Resolve_AgentAsAChannelClosedToSenders_IsNotPermitted()
    {
        var closed = Channel("support@acme.test") with { Senders = new AccessRule(false, new HashSet<string>(), []) };

        Assert.Equal(FailureCodes.NotPermitted, ResolveAs(closed, "u1").Failure!.Code);
        Assert.True(ResolveAs(closed, "admin", admin: true).Ok);
        Assert.True(ResolveAs(Channel("support@acme.test"), "u1").Ok);
    }

    [Fact]
    public void Resolve_AgentAsAnotherUser_IsNotPermitted()
    {
        Assert.Equal(FailureCodes.NotPermitted, ResolveAs(User("jane@acme.test"), "someone-else").Failure!.Code);
        Assert.True(ResolveAs(User("jane@acme.test"), "u1").Ok);
    }

    [Fact]
    public void Decide_WithNothingAsked_IsTheKeptRouteItself_AndAReplyToAddsItsSteps()
    {
        var sender = Channel("support@acme.test");
        var route = Resolver.Route(sender, [Internal, AcmeJets]);

        var explained = SenderResolver.Decide(sender, route, null);
        var byAdmin = SenderResolver.Decide(sender, route, new SendContext(new Actor("admin", IsAdmin: true)));
        var replyTo = new ReplyToChannel(2, "help@acme.test", AccessRule.Open, []);
        var withReplyTo = SenderResolver.Decide(sender, route, new SendContext(null, ReplyTo: replyTo));

        Assert.Same(route, explained);
        Assert.Same(route, byAdmin);
        Assert.Equal("help@acme.test", withReplyTo.Plan!.ReplyTo);
        Assert.Equal([.. route.Plan!.Steps, "Replies go to help@acme.test, the Reply-To asked for."],
            withReplyTo.Plan.Steps);
        Assert.Equal("support@acme.test", route.Plan.ReplyTo);
    }
}
