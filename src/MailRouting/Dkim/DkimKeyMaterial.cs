using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace MailRouting.Dkim;

/// <summary>Makes new key pairs and reads stored private keys back for MimeKit's signer.</summary>
public static class DkimKeyMaterial
{
    /// <returns>The PKCS#8 private key and the record's p= value, both base64.</returns>
    public static (string PrivateKey, string PublicKey) Generate(DkimAlgorithm algorithm)
    {
        if (algorithm == DkimAlgorithm.Rsa2048)
        {
            using var rsa = RSA.Create(2048);
            return (Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
                Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        }

        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return (Convert.ToBase64String(PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded()),
            Convert.ToBase64String(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()));
    }

    public static AsymmetricKeyParameter PrivateKey(string pkcs8)
        => PrivateKeyFactory.CreateKey(Convert.FromBase64String(pkcs8));
}
