using MailRouting.OAuth;
using MailRouting.Servers;

namespace MailRouting.Tests.OAuth;

public sealed class ProviderProfileTests
{
    [Theory]
    [InlineData(OAuthProvider.Microsoft365, ServerTransport.Smtp, "https://outlook.office.com/SMTP.Send",
        "graph.microsoft.com")]
    [InlineData(OAuthProvider.Microsoft365, ServerTransport.MicrosoftGraph, "https://graph.microsoft.com/Mail.Send",
        "outlook.office.com")]
    [InlineData(OAuthProvider.Google, ServerTransport.MicrosoftGraph, "https://mail.google.com/",
        "graph.microsoft.com")]
    public void For_AMailboxThatSendsThroughGraph_AsksMicrosoftForGraphsPermissionOnly(OAuthProvider provider,
        ServerTransport transport,
        string asked, string notAsked)
    {
        var app = new OAuthApp { Name = "App", Provider = provider, ClientId = "id", Tenant = "acme.test" };

        var scopes = ProviderProfile.Preset(app)!.For(app, transport).Scopes;

        Assert.Contains(asked, scopes);
        Assert.DoesNotContain(notAsked, scopes);
        Assert.Contains("offline_access", provider == OAuthProvider.Microsoft365 ? scopes : "offline_access");
    }
}
