using MailRouting.ConnectionTests;
using MailRouting.OAuth;
using MailRouting.Secrets;
using MailRouting.Servers;

namespace MailRouting.Connections;

/// <summary>What a session signs in with: the stored password, decrypted only now, or for OAuth2 a current access token.</summary>
public sealed class SignInSecrets(SecretProtector secrets, AccessTokens tokens)
{
    /// <param name="grant">Whose connected mailbox an OAuth2 login uses.</param>
    /// <returns>The endpoint; for OAuth2 also what happened to the token (a test shows it as its "token" stage), or why there is none.</returns>
    public async Task<SignIn> EndpointAsync(SmtpServer server, string? login, string? protectedPassword, GrantKey grant, CancellationToken ct)
    {
        if (login is null || server.AuthMethod != SmtpAuthMethod.OAuth2)
        {
            return new SignIn(SmtpEndpoint.For(server, login, protectedPassword is null ? null : secrets.Unprotect(protectedPassword)), null, grant, null);
        }

        var (token, stage) = await TokenStage.FetchAsync(tokens, grant, login, ct);
        return new SignIn(token.Token is null ? null : SmtpEndpoint.For(server, login, token.Token), token, grant, stage);
    }
}
