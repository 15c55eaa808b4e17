namespace MailRouting.Tests.Resolution;

/// <summary>
/// An independent model of what each mail server lets a login send as, like Postfix's smtpd_sender_login_maps: per server,
/// the addresses (or *@domain patterns) each login owns; "" is the login of a server that takes mail without sign-in.
/// The property tests configure MailRouting from it as a careful admin would, then check every plan against it.
/// </summary>
public sealed class ServerSenderRules
{
    private readonly Dictionary<(int Server, string Login), HashSet<string>> owned = [];

    public void Grant(int server, string? login, IEnumerable<string> addresses)
    {
        var key = (server, login ?? "");
        if (!owned.TryGetValue(key, out var set))
        {
            owned[key] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        set.UnionWith(addresses);
    }

    /// <summary>Whether the server would accept MAIL FROM / From <paramref name="from"/> after signing in as <paramref name="login"/>.</summary>
    public bool Accepts(int server, string? login, string from) =>
        owned.TryGetValue((server, login ?? ""), out var addresses)
        && addresses.Any(a => a.StartsWith("*@", StringComparison.Ordinal)
            ? from.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, from, StringComparison.OrdinalIgnoreCase));
}
