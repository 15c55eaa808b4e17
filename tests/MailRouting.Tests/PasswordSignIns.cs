using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailRouting.Tests;

/// <summary>The sign-in services as the app builds them, for unit tests of password logins (no provider is ever called).</summary>
internal static class PasswordSignIns
{
    private static readonly ProviderClient Provider = new(new SecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), TimeProvider.System);

    private static readonly OAuthOptions Options = new(TimeSpan.FromMinutes(5), null);
    private static readonly AppTokens AppTokens = new(Provider, Options, TimeProvider.System);

    public static AccessTokens Tokens(MailRoutingDbContext db, SecretProtector secrets) => new(db, Provider, secrets,
        Options, new WorkerIdentity("test"), new RefreshLocks(), AppTokens, TimeProvider.System,
            NullLogger<AccessTokens>.Instance);

    public static SignInSecrets For(MailRoutingDbContext db, SecretProtector secrets) =>
        new(secrets, Tokens(db, secrets), AppTokens, db);
}
