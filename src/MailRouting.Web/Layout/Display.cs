using System.Globalization;
using MailRouting.Channels;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.AspNetCore.Html;

namespace MailRouting.Web.Layout;

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
        SmtpAuthMethod.OAuth2App => "OAuth2 (app permission)",
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

    /// <summary>"Every agent", or "The groups Sales and Tier 2, and agent@acme.test", or "No agent (admins only)".</summary>
    public static string Rights(bool everyone, IReadOnlyList<GroupRef> groups, IReadOnlyList<string> users)
    {
        if (everyone)
        {
            return "Every agent (and admins)";
        }

        List<string> parts = [];
        if (groups.Count > 0)
        {
            parts.Add((groups.Count == 1 ? "The group " : "The groups ") + string.Join(", ", groups.Select(g => g.Name)));
        }

        if (users.Count > 0)
        {
            parts.Add(string.Join(", ", users));
        }

        return parts.Count == 0 ? "No agent (admins only)" : string.Join("; ", parts) + " (and admins)";
    }

    /// <summary>The badge a message's status wears in lists: green sent, red failed, amber retrying.</summary>
    public static string Badge(MessageStatus status) => status switch
    {
        MessageStatus.Sent => "ok",
        MessageStatus.Failed => "fail",
        MessageStatus.Retrying => "warn",
        _ => "muted",
    };

    public static string Use(ChannelUse use) => use == ChannelUse.Sender ? "send as" : "Reply-To";

    public static string Size(long? bytes) => bytes switch
    {
        null => "unknown",
        >= 1024 * 1024 => $"{bytes.Value / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes.Value / 1024.0:0.#} KB",
        _ => $"{bytes.Value} bytes",
    };

    /// <summary>
    /// A moment as UTC text that local-time.js shows in the reader's own time zone; the database keeps UTC without a kind.
    /// </summary>
    public static IHtmlContent When(DateTime utc, bool seconds = false) =>
        When(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), seconds);

    public static IHtmlContent When(DateTimeOffset at, bool seconds = false)
    {
        var utc = at.ToUniversalTime();
        var text = utc.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new HtmlString($"<time datetime=\"{utc:yyyy-MM-ddTHH:mm:ssZ}\" data-local=\"{(seconds ? "seconds" : "minutes")}\">{text} UTC</time>");
    }
}
