using MailRouting.ConnectionTests;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Validation;

namespace MailRouting.Users;

/// <summary>
/// Saves a user's own SMTP password after trying it: one sign-in at their server, as a send would make it. A password the
/// server refuses is not saved; when the server cannot be reached, it is saved and the attempt says so. Profile and the API
/// both save through here.
/// </summary>
public sealed class OwnPasswordCheck(SenderResolution resolution, OwnSignInTests tests, SecretProtector secrets, UserMailService users)
{
    /// <returns>The change, and the sign-in that was tried (null when the user's mail does not sign in with their own login).</returns>
    public async Task<(Change<AppUser> Change, ConnectionTestReport? Tried)> SaveAsync(string userId, string? username, string? password, CancellationToken ct)
    {
        // A login that is not the user's own, or a server that signs in with OAuth2, is refused before anything is tried.
        var (refused, login) = await users.CheckOwnLoginAsync(userId, username, password, ct);
        if (refused is not null)
        {
            return (refused, null);
        }

        var (tried, limited) = await TryAsync(userId, login, password!, ct);
        return (tried, limited) switch
        {
            (_, { } refusal) => (Change<AppUser>.Invalid("Password", refusal), null),
            ({ SignInRefused: true, Diagnostic: { } rejected }, _) => (Change<AppUser>.Invalid("Password", $"Not saved: {rejected.Message} {rejected.Fix}"), tried),
            _ => (await users.SetOwnPasswordAsync(userId, username, password, ct), tried),
        };
    }

    private async Task<(ConnectionTestReport? Tried, string? Refusal)> TryAsync(string userId, string? username, string password, CancellationToken ct)
    {
        if (await resolution.ForUserAsync(userId, ct) is not { Sender.OverrideCredentials: true } current)
        {
            return (null, null);
        }

        var candidate = await resolution.WithOwnLoginAsync(current, username.TrimmedOrNull(), secrets.Protect(password), ct);
        var (test, refusal) = await tests.TestSendingAsync(userId, candidate, null, ct);
        return (test?.Report, refusal);
    }
}
