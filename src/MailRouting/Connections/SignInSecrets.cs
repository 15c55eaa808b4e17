using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Secrets;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Connections;

/// <summary>
/// What a session signs in with: the stored password, decrypted only now, or for OAuth2 a current access token (the
/// connected mailbox's, or the app's own).
/// </summary>
public sealed class SignInSecrets(SecretProtector secrets, AccessTokens tokens, AppTokens appTokens,
    MailRoutingDbContext db)
{
    /// <param name="grant">Whose connected mailbox an OAuth2 login uses.</param>
    /// <returns>The endpoint; for OAuth2 also what happened to the token (a test shows it as its "token" stage), or why there is none.</returns>
    public async Task<SignIn> EndpointAsync(SmtpServer server, string? login, string? protectedPassword, GrantKey grant, CancellationToken ct)
    {
        if (login is not null && server is { AuthMethod: SmtpAuthMethod.OAuth2App, OAuthAppId: { } appId })
        {
            var app = await db.OAuthApps.AsNoTracking().SingleAsync(a => a.Id == appId, ct);
            var (appToken, appStage) = await TokenStage.MeasureAsync(() =>
                    appTokens.GetAsync(app, server.Transport, ct));
            return new SignIn(appToken.Token is null ? null : SmtpEndpoint.For(server, login, appToken.Token), appToken,
                GrantKey.ForApp(appId), appStage);
        }

        if (login is null || server.AuthMethod != SmtpAuthMethod.OAuth2)
        {
            return new SignIn(SmtpEndpoint.For(server, login, protectedPassword is null ? null : secrets.Unprotect(protectedPassword)), null, grant, null);
        }

        var (token, stage) = await TokenStage.MeasureAsync(() => tokens.GetAsync(grant, login, ct));
        return new SignIn(token.Token is null ? null : SmtpEndpoint.For(server, login, token.Token), token, grant, stage);
    }
}
