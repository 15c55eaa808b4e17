using System.Globalization;
using System.Text.RegularExpressions;
using MailRouting.Data;
using MailRouting.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Dkim;

/// <summary>
/// Creates keys (inactive until an admin activates them, so the record can be published first), activates one per
/// domain and algorithm (the one it replaces stops signing: a rotation), deactivates and deletes. Admins only.
/// </summary>
public sealed partial class DkimKeyService(MailRoutingDbContext db, SecretProtector secrets, DkimSigners signers,
    TimeProvider time, ILogger<DkimKeyService> logger)
{
    public async Task<IReadOnlyList<DkimKeySummary>> ListAsync(CancellationToken ct) =>
        [.. (await db.DkimKeys.AsNoTracking().OrderBy(k => k.Domain).ThenByDescending(k => k.CreatedAt).ToListAsync(ct))
            .Select(DkimKeySummary.Of)];

    public async Task<Change<DkimKeySummary>> CreateAsync(DkimKeyInput input, CancellationToken ct)
    {
        var domain = (input.Domain ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        var selector = string.IsNullOrWhiteSpace(input.Selector)
            ? string.Create(CultureInfo.InvariantCulture,
                $"mr{now:yyyyMMdd}{(input.Algorithm == DkimAlgorithm.Ed25519 ? "e" : "r")}")
            : input.Selector.Trim().ToLowerInvariant();
        if (!DomainName().IsMatch(domain) || domain.Length > 253)
        {
            return Change<DkimKeySummary>.Invalid("domain", $"'{input.Domain}' is not a domain name such as acme.com.");
        }

        if (!SelectorName().IsMatch(selector))
        {
            return Change<DkimKeySummary>.Invalid("selector",
                "A selector is 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen.");
        }

        if (await db.DkimKeys.AnyAsync(k => k.Domain == domain && k.Selector == selector, ct))
        {
            return Change<DkimKeySummary>.Invalid("selector",
                $"{domain} already has a key with the selector {selector}; choose another.");
        }

        var (privateKey, publicKey) = DkimKeyMaterial.Generate(input.Algorithm);
        var key = new DkimKey
        {
            Domain = domain, Selector = selector, Algorithm = input.Algorithm,
                ProtectedPrivateKey = secrets.Protect(privateKey),
            PublicKey = publicKey, CreatedAt = now,
        };
        db.DkimKeys.Add(key);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("DKIM key {KeyId} created for {Domain} with selector {Selector} ({Algorithm})", key.Id,
            domain, selector, input.Algorithm);
        return Change<DkimKeySummary>.Done(DkimKeySummary.Of(key));
    }

    /// <summary>
    /// The key signs its domain's mail from now on, in place of the active key of the same algorithm.
    /// </summary>
    public Task<Change<DkimKeySummary>> ActivateAsync(int id, CancellationToken ct) => ChangeAsync(id, "activated",
        async key =>
        {
            var replaced = await db.DkimKeys
                .Where(k => k.Domain == key.Domain && k.Algorithm == key.Algorithm && k.IsActive && k.Id != id)
                .ToListAsync(ct);
            replaced.ForEach(k => k.IsActive = false);
            key.IsActive = true;
        }, ct);

    public Task<Change<DkimKeySummary>> DeactivateAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "deactivated", key =>
        {
            key.IsActive = false;
            return Task.CompletedTask;
        }, ct);

    public Task<Change<DkimKeySummary>> DeleteAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "deleted", key =>
        {
            db.DkimKeys.Remove(key);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Finds the key, applies the change, saves it, and has the signers read the keys again.</summary>
    private async Task<Change<DkimKeySummary>> ChangeAsync(int id, string what, Func<DkimKey, Task> change,
        CancellationToken ct)
    {
        if (await db.DkimKeys.FindAsync([id], ct) is not { } key)
        {
            return Change<DkimKeySummary>.NotFound("DKIM key");
        }

        await change(key);
        await db.SaveChangesAsync(ct);
        signers.Forget();
        logger.LogInformation("DKIM key {KeyId} of {Domain} ({Selector}) {What}", key.Id, key.Domain, key.Selector,
            what);
        return Change<DkimKeySummary>.Done(DkimKeySummary.Of(key));
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$",
        RegexOptions.None, 1000)]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.None, 1000)]
    private static partial Regex SelectorName();
}
