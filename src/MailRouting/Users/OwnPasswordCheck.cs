using MailRouting.Delivery;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Validation;

namespace MailRouting.Users;

/// <summary>
/// Saves a user's own SMTP password after trying it: one sign-in at their server, as a send would make it. A password the
/// server refuses is not saved; when the server cannot be reached, it is saved and the attempt says so. Profile and the API
/// both save through here.
/// </summary>
public sealed class OwnPasswordCheck(SenderResolution resolution, SenderTester tester, SecretProtector secrets, UserMailService users)
{
    /// <returns>The change, and the sign-in that was tried (null when the user's mail does not sign in with their own login).</returns>
    public async Task<(Change<AppUser> Change, ConnectionTestReport? Tried)> SaveAsync(string userId, string? username, string? password, CancellationToken ct)
    {
        var tried = string.IsNullOrEmpty(password) ? null : await TryAsync(userId, username, password, ct);
        return tried is { SignInRefused: true, Diagnostic: { } rejected }
            ? (Change<AppUser>.Invalid("Password", $"Not saved: {rejected.Message} {rejected.Fix}"), tried)
            : (await users.SetOwnPasswordAsync(userId, username, password, ct), tried);
    }

    private async Task<ConnectionTestReport?> TryAsync(string userId, string? username, string password, CancellationToken ct)
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
