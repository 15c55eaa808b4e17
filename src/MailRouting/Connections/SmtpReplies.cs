using System.Text.RegularExpressions;
using MailKit.Security;
using MailRouting.Servers;

namespace MailRouting.Connections;

public static partial class SmtpReplies
{
    public static SecureSocketOptions ToSocketOptions(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    /// <summary>The queue id in a final reply such as Postfix's "2.0.0 Ok: queued as 4C1B2D3E4F", when it names one.</summary>
    public static string? QueueIdOf(string reply) => QueuedAs().Match(reply) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"queued as ([A-Za-z0-9]+)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex QueuedAs();
}
