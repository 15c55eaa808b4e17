using System.Net;
using DnsClient;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace MailRouting.IntegrationTests.Dns;

/// <summary>
/// What a receiver does with a DKIM signature: the public key from the signer's DNS record (here, the test DNS).
/// </summary>
public sealed class DnsDkimKeys(IPEndPoint server) : DkimPublicKeyLocatorBase
{
    private readonly LookupClient dns = new(new LookupClientOptions(new NameServer(server)) { UseCache = false });

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector,
        CancellationToken cancellationToken = default) =>
        LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain,
        string selector,
        CancellationToken cancellationToken = default)
    {
        var name = $"{selector}._domainkey.{domain}";
        var answer = await dns.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
        var record = answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).FirstOrDefault()
            ?? throw new ParseException($"No DKIM record at {name}", 0, 0);
        return GetPublicKey(record);
    }

    /// <summary>Whether every DKIM signature of the message verifies; false when a key cannot be found.</summary>
    public async Task<bool> VerifiesAsync(MimeMessage message)
    {
        var verifier = new DkimVerifier(this);
        verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
        var signatures = message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList();
        foreach (var signature in signatures)
        {
            try
            {
                if (!await verifier.VerifyAsync(message, signature))
                {
                    return false;
                }
            }
            catch (ParseException)
            {
                return false;
            }
        }

        return signatures.Count > 0;
    }
}
