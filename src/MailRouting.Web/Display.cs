using MailRouting.OAuth;
using MailRouting.Servers;

namespace MailRouting.Web;

/// <summary>Words for settings as an admin reads them.</summary>
public static class Display
{
    public static string Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => "STARTTLS",
        SmtpSecurity.SslOnConnect => "SSL/TLS",
        _ => "None",
    };

    public static string Auth(SmtpAuthMethod method) => method switch
    {
        SmtpAuthMethod.None => "None",
        SmtpAuthMethod.OAuth2 => "OAuth2",
        _ => method.ToSaslName(),
    };

    public static string Provider(OAuthProvider provider) => provider switch
    {
        OAuthProvider.Microsoft365 => "Microsoft 365",
        OAuthProvider.Google => "Google",
        _ => "the OAuth2 provider",
    };

    public static string GrantOwner(GrantOwner owner) => owner switch
    {
        OAuth.GrantOwner.Server => "Server",
        OAuth.GrantOwner.Channel => "Channel",
        _ => "User",
    };

    public static string Size(long? bytes) => bytes switch
    {
        null => "unknown",
        >= 1024 * 1024 => $"{bytes.Value / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes.Value / 1024.0:0.#} KB",
    };
}
