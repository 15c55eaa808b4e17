using MailRouting.Data;
using MailRouting.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace MailRouting.Dkim;

/// <summary>
/// Signs a message with the active keys of its From domain, or of the nearest parent domain that has keys (DMARC's
/// relaxed alignment accepts it): RSA, and Ed25519 as a second signature where the domain has one. The keys are read
/// again at most every <see cref="KeptFor"/>, and at once after a change on this instance.
/// </summary>
public sealed class DkimSigners(IServiceScopeFactory scopes, SecretProtector secrets, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    private static readonly HeaderId[] Covered =
    [
        HeaderId.From, HeaderId.Subject, HeaderId.Date, HeaderId.To, HeaderId.Cc, HeaderId.MessageId, HeaderId.ReplyTo,
        HeaderId.InReplyTo, HeaderId.References, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    private Keyring? keyring;

    /// <summary>After a key was created, activated or deleted here: the next message reads the keys again.</summary>
    public void Forget() => keyring = null;

    /// <summary>
    /// The keys that sign mail from an address's domain: its own active keys, else its nearest parent's.
    /// </summary>
    public async Task<IReadOnlyList<DkimKeySummary>> ActiveForAsync(string address, CancellationToken ct) =>
        [.. SigningKeys(await KeysAsync(ct), address[(address.LastIndexOf('@') + 1)..]).Select(k => k.Key)];

    /// <summary>Signs the message when its domain (or a parent) has active keys; leaves it alone otherwise.</summary>
    public async Task SignAsync(MimeMessage message, CancellationToken ct)
    {
        var keys = await KeysAsync(ct);
        var signing = message.From.Mailboxes.FirstOrDefault()?.Domain is { Length: > 0 } domain
            ? SigningKeys(keys, domain)
            : [];
        if (signing.Length == 0)
        {
            return;
        }

        // Signed as it will travel: nothing on the way may re-encode a part after the body hash is taken.
        message.Prepare(EncodingConstraint.SevenBit);
        var headers = Covered.Where(message.Headers.Contains).ToArray();
        foreach (var key in signing)
        {
            new DkimSigner(key.PrivateKey, key.Key.Domain, key.Key.Selector, key.Algorithm)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            }.Sign(message, headers);
        }
    }

    private static SigningKey[] SigningKeys(Keyring keys, string domain)
    {
        var labels = domain.ToLowerInvariant().Split('.');
        return Enumerable.Range(0, Math.Max(0, labels.Length - 1))
            .Select(skip => keys.ByDomain.GetValueOrDefault(string.Join('.', labels[skip..])))
            .FirstOrDefault(found => found is not null) ?? [];
    }

    private async Task<Keyring> KeysAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (keyring is { } current && now - current.ReadAt < KeptFor)
        {
            return current;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        var active = await db.DkimKeys.AsNoTracking().Where(k => k.IsActive).ToListAsync(ct);
        var read = new Keyring(now, active.GroupBy(k => k.Domain).ToDictionary(g => g.Key, g => g
            .OrderBy(k => k.Algorithm)
            .Select(k => new SigningKey(DkimKeySummary.Of(k),
                DkimKeyMaterial.PrivateKey(secrets.Unprotect(k.ProtectedPrivateKey)),
                k.Algorithm == DkimAlgorithm.Ed25519
                    ? DkimSignatureAlgorithm.Ed25519Sha256 : DkimSignatureAlgorithm.RsaSha256))
            .ToArray()));
        keyring = read;
        return read;
    }

    private sealed record Keyring(DateTimeOffset ReadAt, Dictionary<string, SigningKey[]> ByDomain);

    private sealed record SigningKey(DkimKeySummary Key, AsymmetricKeyParameter PrivateKey,
        DkimSignatureAlgorithm Algorithm);
}
