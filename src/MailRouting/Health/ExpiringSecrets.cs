using System.Globalization;
using MailRouting.Data;
using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Health;

/// <summary>OAuth apps whose client secret expires within <see cref="WarnDays"/> days, or has expired.</summary>
public sealed class ExpiringSecrets(MailRoutingDbContext db) : ICredentialCheck
{
    public const int WarnDays = 30;

    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var last = today.AddDays(WarnDays);
        var apps = await db.OAuthApps.AsNoTracking().Where(a =>
                a.ClientSecretExpiresOn != null && a.ClientSecretExpiresOn <= last)
            .Select(a => new { a.Id, a.Name, a.Provider, Expires = a.ClientSecretExpiresOn!.Value,
                Servers = db.SmtpServers.Where(s => s.OAuthAppId == a.Id).Select(s => s.Id).ToList() })
            .ToListAsync(ct);
        return apps.Select(a =>
        {
            var expired = a.Expires <= today;
            var on = a.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new CredentialWarning(expired ? CredentialProblem.SecretExpired : CredentialProblem.SecretExpiring,
                expired
                    ? $"The client secret of the OAuth app {a.Name} expired on {on}: its mailboxes get no new access "
                        + $"tokens."
                    : $"The client secret of the OAuth app {a.Name} expires on {on}, in "
                        + $"{a.Expires.DayNumber - today.DayNumber} days.",
                "An admin", $"{NewSecret(a.Provider, a.Name)}, then enter it and its expiry on the OAuth app's page.",
                $"/OAuthApps/Edit/{a.Id.ToString(CultureInfo.InvariantCulture)}", a.Servers,
                a.Expires.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        });
    }

    private static string NewSecret(OAuthProvider provider, string name) => provider switch
    {
        OAuthProvider.Microsoft365 => $"Create a new client secret in Microsoft Entra (App registrations > {name} > "
            + $"Certificates & secrets)",
        OAuthProvider.Google =>
            "Create a new client secret in the Google Cloud console (APIs & Services > Credentials)",
        _ => "Create a new client secret at the provider",
    };
}
