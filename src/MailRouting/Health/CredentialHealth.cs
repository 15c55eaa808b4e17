namespace MailRouting.Health;

/// <summary>
/// Warns before mail stops: OAuth client secrets near their expiry, connected mailboxes left unused until the provider
/// ends them or that failed to renew, sign-ins refused at the last attempt, and mailboxes that keep hitting throttling
/// or the daily quota. Shown on the home page, each server's page and at /api/v1/credential-health.
/// </summary>
public sealed class CredentialHealth(IEnumerable<ICredentialCheck> checks, TimeProvider time)
{
    public async Task<IReadOnlyList<CredentialWarning>> WarningsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var warnings = new List<CredentialWarning>();
        foreach (var check in checks)
        {
            warnings.AddRange(await check.FindAsync(now, ct));
        }

        return [.. warnings.OrderBy(w => w.Due ?? DateTime.MaxValue)];
    }

    public async Task<IReadOnlyList<CredentialWarning>> ForServerAsync(int serverId, CancellationToken ct) =>
        [.. (await WarningsAsync(ct)).Where(w => w.ServerIds.Contains(serverId))];
}
