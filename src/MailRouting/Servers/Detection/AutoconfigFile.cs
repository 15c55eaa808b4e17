using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace MailRouting.Servers.Detection;

/// <summary>Reads the SMTP server of a Thunderbird autoconfig file (clientConfig version 1.1).</summary>
public static class AutoconfigFile
{
    /// <returns>The first outgoing SMTP server it names; null when the file is not one or names none.</returns>
    public static DetectedSettings? Read(string xml, string email, string source)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }

        var server = document.Descendants("outgoingServer").FirstOrDefault(s => (string?)s.Attribute("type") == "smtp");
        var host = Filled((string?)server?.Element("hostname"), email);
        if (server is null || host is null
            || !int.TryParse((string?)server.Element("port"), NumberStyles.None, CultureInfo.InvariantCulture,
                out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var security = ((string?)server.Element("socketType"))?.ToUpperInvariant() switch
        {
            "SSL" => SmtpSecurity.SslOnConnect,
            "STARTTLS" => SmtpSecurity.StartTls,
            _ => SmtpSecurity.None,
        };
        var methods = server.Elements("authentication").Select(a => a.Value.Trim().ToLowerInvariant()).ToList();
        var auth = methods.Contains("oauth2") ? SmtpAuthMethod.OAuth2
            : methods.Contains("password-encrypted") && !methods.Contains("password-cleartext") ? SmtpAuthMethod.CramMd5
            : methods.Count == 0 || methods.Contains("none") ? SmtpAuthMethod.None
            : SmtpAuthMethod.Plain;
        return new DetectedSettings(source, host, port, security, auth);
    }

    /// <summary>The placeholders autoconfig files use: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%.</summary>
    private static string? Filled(string? value, string email) => value?.Trim()
        .Replace("%EMAILADDRESS%", email, StringComparison.Ordinal)
        .Replace("%EMAILLOCALPART%", email[..email.LastIndexOf('@')], StringComparison.Ordinal)
        .Replace("%EMAILDOMAIN%", email[(email.LastIndexOf('@') + 1)..],
            StringComparison.Ordinal) is { Length: > 0 } filled ? filled : null;
}
