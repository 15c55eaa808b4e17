using System.Security.Claims;
using MailRouting.Users;

namespace MailRouting.Web.Layout;

/// <summary>The app's navigation: the pages a user's roles open, grouped by the task they serve.</summary>
public static class Navigation
{
    public sealed record Link(string Text, string Path);

    public sealed record Group(string Name, IReadOnlyList<Link> Links);

    public static IReadOnlyList<Group> For(ClaimsPrincipal user)
    {
        var admin = user.IsInRole(Roles.Admin);
        var support = user.IsInRole(Roles.Support);
        List<Link> mail = [new("Home", "/")];
        if (admin || user.IsInRole(Roles.Agent))
        {
            mail.Add(new("Compose", "/Compose"));
        }

        mail.Add(new("Messages", "/Messages"));
        List<Group> groups = [new("Mail", mail)];
        if (admin || support)
        {
            List<Link> setup = [new("SMTP servers", "/SmtpServers"), new("Channels", "/Channels"), new("Users", "/Users"), new("Groups", "/Groups"),
                new("Projects", "/Projects"), new("Signature", "/Signatures"), new("Readiness", "/Readiness"),
                new("DKIM keys", "/Dkim"), new("Bounces", "/Bounces"), new("Suppressed addresses", "/Suppressions"),
                new("Audit log", "/Audit")];
            if (admin)
            {
                setup.Add(new("OAuth apps", "/OAuthApps"));
            }

            groups.Add(new("Setup", setup));
        }

        groups.Add(new("You", [new("Profile", "/Profile")]));
        return groups;
    }

    /// <summary>The link to the section the page belongs to (a server's page is under SMTP servers).</summary>
    public static bool IsCurrent(Link link, PathString path) =>
        link.Path == "/" ? path == "/" || path == "/Index" : path.StartsWithSegments(link.Path, StringComparison.OrdinalIgnoreCase);
}
