using MailRouting.Resolution;
using MailRouting.Servers;

namespace MailRouting.Tests.Resolution;

/// <summary>
/// Where a built message may move when its server refuses the way it signs in: its From never changes.
/// </summary>
public sealed class FallbackResolutionTests
{
    private static readonly RoutingServer Office = new(1, "Office SMTP", ServerKind.Custom, "smtp.office365.com", 587,
        SmtpAuthMethod.Plain, "support@acme.test", true, "support@acme.test", [], IsDefault: true,
        FallbackServerId: 2);

    private static RoutingServer Graph(SmtpAuthMethod auth, bool connected = false) => new(2, "Graph",
        ServerKind.Custom, "graph.microsoft.com", 443, auth, auth == SmtpAuthMethod.OAuth2 ? "agent@acme.test" : null,
        false, "agent@acme.test", ["support@acme.test"], IsDefault: false, IsConnected: connected, OAuthAppId: 7,
        Transport: ServerTransport.MicrosoftGraph);

    [Fact]
    public void AppPermission_MailboxAllowed_SendsAsTheFromMailboxItself()
    {
        var plan = SenderResolver.OnFallback(Office, Graph(SmtpAuthMethod.OAuth2App), CredentialSource.Server,
            "support@acme.test", "support@acme.test").Plan!;

        Assert.Equal((2, CredentialSource.Server, "support@acme.test"), (plan.Server.Id, plan.Credentials,
            plan.Login));
        Assert.Contains("Office SMTP refused the way it signs in, and names Graph (Microsoft Graph at "
            + "graph.microsoft.com)", plan.Steps[0]);
    }

    [Fact]
    public void AppPermission_MailboxNotAllowed_IsNotMoved_AndSaysWhichSendAsIsMissing()
    {
        var failure = SenderResolver.OnFallback(Office, Graph(SmtpAuthMethod.OAuth2App), CredentialSource.Server,
            "support@acme.test", "news@brand.test").Failure!;

        Assert.Equal(FailureCodes.NotPermitted, failure.Code);
        Assert.Contains("may not send as news@brand.test", failure.Message);
        Assert.Contains("Add news@brand.test to the Send-as list of Graph", failure.Fix);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void ServerAccount_MovesOnlyWhenItCanSignIn(bool connected, bool moves)
    {
        var moved = SenderResolver.OnFallback(Office, Graph(SmtpAuthMethod.OAuth2, connected),
            CredentialSource.Server, "support@acme.test", "support@acme.test");

        Assert.Equal(moves, moved.Ok);
        Assert.Equal(moves ? "agent@acme.test" : null, moved.Plan?.Login);
        Assert.Equal(moves ? null : FailureCodes.NotConnected, moved.Failure?.Code);
    }

    [Fact]
    public void SendersOwnLogin_KeepsItOnAFallbackThatSignsIn_ButNotOnOneWithoutSignIn()
    {
        var relay = new RoutingServer(3, "Relay", ServerKind.Custom, "relay.acme.test", 25, SmtpAuthMethod.None,
            null, false, "relay@acme.test", ["*@acme.test"], IsDefault: false);

        var kept = SenderResolver.OnFallback(Office, Graph(SmtpAuthMethod.OAuth2, true), CredentialSource.Sender,
            "jane@acme.test", "jane@acme.test").Plan!;
        var refused = SenderResolver.OnFallback(Office, relay, CredentialSource.Sender, "jane@acme.test",
            "jane@acme.test").Failure!;

        Assert.Equal((CredentialSource.Sender, "jane@acme.test"), (kept.Credentials, kept.Login));
        Assert.Contains("does not sign in with the sender's own login jane@acme.test", refused.Message);
    }

    [Fact]
    public void InternalServer_NeverCarriesAnotherFrom()
    {
        var internalServer = new RoutingServer(4, "Internal", ServerKind.Internal, "localhost", 25,
            SmtpAuthMethod.None, null, false, "support@acme.test", [], IsDefault: false);

        Assert.False(SenderResolver.OnFallback(Office, internalServer, CredentialSource.Server, "support@acme.test",
            "support@acme.test").Ok);
    }
}
