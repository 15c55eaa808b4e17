using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace MailRouting.Tests.Dkim;

/// <summary>
/// DKIM public keys as published records, keyed by "selector._domainkey.domain", for MimeKit's verifier.
/// </summary>
public sealed class PublishedRecords : DkimPublicKeyLocatorBase
{
    public Dictionary<string, string> Records { get; } = [];

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector,
        CancellationToken cancellationToken = default) =>
        Records.TryGetValue($"{selector}._domainkey.{domain}", out var record)
            ? GetPublicKey(record)
            : throw new ParseException($"No record at {selector}._domainkey.{domain}", 0, 0);

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector,
        CancellationToken cancellationToken = default) => Task.FromResult(LocatePublicKey(methods, domain, selector,
            cancellationToken));
}
