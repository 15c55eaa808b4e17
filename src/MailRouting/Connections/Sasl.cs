using System.Net;
using MailKit.Security;
using MailRouting.Servers;

namespace MailRouting.Connections;

internal static class Sasl
{
    /// <summary>
    /// The exact mechanism the admin chose; MailKit's automatic choice would hide a wrong setting. OAuth2 signs in with
    /// XOAUTH2, or with OAUTHBEARER where the server offers only that.
    /// </summary>
    public static SaslMechanism Create(SmtpEndpoint endpoint, ICollection<string> offered)
    {
        if (endpoint.AuthMethod.UsesToken())
        {
            return ForToken(endpoint.Username ?? "", endpoint.Password ?? "", offered);
        }

        var credentials = new NetworkCredential(endpoint.Username, endpoint.Password);
        return endpoint.AuthMethod switch
        {
            SmtpAuthMethod.Plain => new SaslMechanismPlain(credentials),
            SmtpAuthMethod.Login => new SaslMechanismLogin(credentials),
            SmtpAuthMethod.CramMd5 => new SaslMechanismCramMd5(credentials),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.AuthMethod, "No SASL mechanism for this method."),
        };
    }

    /// <summary>XOAUTH2, or OAUTHBEARER where the server offers only that; for SMTP, IMAP and POP3 alike.</summary>
    public static SaslMechanism ForToken(string username, string token, ICollection<string> offered) =>
        offered.Contains("OAUTHBEARER") && !offered.Contains("XOAUTH2") ? new SaslMechanismOAuthBearer(username, token) : new SaslMechanismOAuth2(username, token);

    /// <summary>Whether the server offers a mechanism for <paramref name="method"/>; OAuth2 takes either of its two.</summary>
    public static bool IsOffered(SmtpAuthMethod method, ICollection<string> offered) =>
        method.UsesToken()
            ? offered.Contains("XOAUTH2") || offered.Contains("OAUTHBEARER")
            : offered.Contains(method.ToSaslName());
}
