using MailRouting.Dkim;
using MimeKit;
using MimeKit.Cryptography;

namespace MailRouting.Tests.Dkim;

public sealed class DkimKeyMaterialTests
{
    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Your order 4711", MessageId = "m1@acme.test",
            Date = DateTimeOffset.UnixEpoch };
        message.From.Add(new MailboxAddress("Support", "support@acme.test"));
        message.To.Add(new MailboxAddress("Customer", "customer@example.test"));
        message.Body = new TextPart("plain") { Text = "Grüße aus dem Support.\n" };
        return message;
    }

    [Theory]
    [InlineData(DkimAlgorithm.Rsa2048, DkimSignatureAlgorithm.RsaSha256, "k=rsa")]
    [InlineData(DkimAlgorithm.Ed25519, DkimSignatureAlgorithm.Ed25519Sha256, "k=ed25519")]
    public async Task Generate_TheRecordShown_VerifiesWhatThePrivateKeySigned_AndNothingElse(DkimAlgorithm algorithm,
        DkimSignatureAlgorithm signature, string kind)
    {
        var (privateKey, publicKey) = DkimKeyMaterial.Generate(algorithm);
        var key = new DkimKey { Domain = "acme.test", Selector = "s1", Algorithm = algorithm, ProtectedPrivateKey = "",
            PublicKey = publicKey };
        var records = new PublishedRecords { Records = { [key.RecordName] = key.RecordValue } };
        var message = Message();
        message.Prepare(EncodingConstraint.SevenBit);
        new DkimSigner(DkimKeyMaterial.PrivateKey(privateKey), "acme.test", "s1", signature)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        }.Sign(message, [HeaderId.From, HeaderId.Subject, HeaderId.Date, HeaderId.To, HeaderId.MessageId]);
        var verifier = new DkimVerifier(records);
        verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
        var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];

        var valid = await verifier.VerifyAsync(message, header);
        message.Subject = "Your order 4712";
        var afterTampering = await verifier.VerifyAsync(message, header);

        Assert.Equal("s1._domainkey.acme.test", key.RecordName);
        Assert.StartsWith($"v=DKIM1; {kind}; p=", key.RecordValue);
        Assert.True(valid);
        Assert.False(afterTampering);
    }
}
