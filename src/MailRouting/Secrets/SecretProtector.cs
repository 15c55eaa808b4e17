using Microsoft.AspNetCore.DataProtection;

namespace MailRouting.Secrets;

/// <summary>Encrypts stored passwords with the application's Data Protection keys.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("MailRouting.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
