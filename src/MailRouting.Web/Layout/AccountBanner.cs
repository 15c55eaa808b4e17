using System.Security.Claims;
using MailRouting.OAuth;
using MailRouting.Resolution;

namespace MailRouting.Web.Layout;

public enum AccountProblem
{
    MissingPassword,
    MailboxNotConnected,
    MailboxReconnectNeeded,
}

/// <summary>What the signed-in user must fix on Profile before mail can go out as them, for the banner on every page.</summary>
public sealed class AccountBanner(SenderResolution resolution, MailboxConnectionQueries connections)
{
    /// <summary>The resolution comes from the routing cache; only a login of one's own on an OAuth2 server costs a query.</summary>
    public async Task<AccountProblem?> ProblemAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || await resolution.ForUserAsync(id, CancellationToken.None) is not { } resolved)
        {
            return null;
        }

        return resolved switch
        {
            { Resolution.Failure.Code: FailureCodes.MissingPassword, Sender: { OverrideCredentials: true, HasPassword: false } } => AccountProblem.MissingPassword,
            { Resolution.Failure.Code: FailureCodes.NotConnected, Sender.OverrideCredentials: true } => AccountProblem.MailboxNotConnected,
            { Resolution.Plan: { Credentials: CredentialSource.Sender, Server.UsesOAuth: true } } => await ReconnectNeededAsync(id),
            _ => null,
        };
    }

    private async Task<AccountProblem?> ReconnectNeededAsync(string userId) =>
        await connections.StatusOfAsync(new GrantKey(GrantOwner.User, userId), CancellationToken.None) == GrantStatus.ReconnectNeeded
            ? AccountProblem.MailboxReconnectNeeded
            : null;
}
