using System.Net;
using MailKit.Security;
using MailRouting.Servers;

namespace MailRouting.Delivery;

internal static class Sasl
{
    /// <summary>The exact mechanism the admin chose; MailKit's automatic choice would hide a wrong setting.</summary>
    public static SaslMechanism Create(SmtpEndpoint endpoint)
    {
        var credentials = new NetworkCredential(endpoint.Username, endpoint.Password);
        return endpoint.AuthMethod switch
        {
            SmtpAuthMethod.Plain => new SaslMechanismPlain(credentials),
            SmtpAuthMethod.Login => new SaslMechanismLogin(credentials),
            SmtpAuthMethod.CramMd5 => new SaslMechanismCramMd5(credentials),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.AuthMethod, "No SASL mechanism for this method."),
        };
    }
}
