using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace MailRouting.OAuth;

/// <summary>
/// What a connection needs to finish, carried through the provider in the OAuth "state" parameter, encrypted with
/// Data Protection and valid until ExpiresAt (as ASP.NET Core's own OAuth handler carries its PKCE verifier). It completes
/// once: its <see cref="Nonce"/> is spent when it does.
/// </summary>
public sealed record ConnectState(GrantOwner Owner, string OwnerId, int AppId, string Login, string CodeVerifier, string StartedBy,
    string ReturnUrl, Uri RedirectUri, DateTime ExpiresAt, string Nonce)
{
    private const string Purpose = "MailRouting.OAuth.ConnectState.v1";

    public string Protect(IDataProtectionProvider provider) => provider.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this));

    /// <returns>Null when the state was not made here, was altered or has expired.</returns>
    public static ConnectState? Unprotect(IDataProtectionProvider provider, string? state, DateTime now)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        try
        {
            var started = JsonSerializer.Deserialize<ConnectState>(provider.CreateProtector(Purpose).Unprotect(state));
            return started is not null && started.ExpiresAt > now ? started : null;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}
