using System.Security.Claims;
using MailRouting.Resolution;

namespace MailRouting.Web;

/// <summary>Whether the signed-in user must set an SMTP password before mail can go out as them (from the routing cache).</summary>
public sealed class PasswordBanner(SenderResolution resolution)
{
    public async Task<bool> IsMissingAsync(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
        && await resolution.ForUserAsync(id, CancellationToken.None) is { Resolution.Failure.Code: FailureCodes.MissingPassword, Sender: { OverrideCredentials: true, HasPassword: false } };
}
