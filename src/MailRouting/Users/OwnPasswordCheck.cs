using MailRouting.Delivery;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Validation;

namespace MailRouting.Users;

/// <summary>
/// Tries a password a user is about to save for their own login: one sign-in at their server, as a send would make it. A
/// password the server rejects is not saved; when the server cannot be reached, it is saved and said to be unchecked.
/// </summary>
public sealed class OwnPasswordCheck(SenderResolution resolution, SenderTester tester, SecretProtector secrets)
{
    /// <returns>The sign-in's report; null when the user's mail does not sign in with their own login (nothing to try).</returns>
    public async Task<ConnectionTestReport?> TryAsync(string userId, string? username, string password, CancellationToken ct)
    {
        if (await resolution.ForUserAsync(userId, ct) is not { Sender.OverrideCredentials: true } current)
        {
            return null;
        }

        var candidate = await resolution.WithOwnLoginAsync(current, username.TrimmedOrNull(), secrets.Protect(password), ct);
        return candidate.Resolution.Plan is { Credentials: CredentialSource.Sender, Server.UsesOAuth: false }
            ? (await tester.TestAsync(candidate, null, ct)).Report
            : null;
    }
}
