using MailRouting.Users;
using MailRouting.Web.Account;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Api;

/// <summary>
/// Bearer tokens for programs: sign-in and refresh, nothing else (admins create users). A refresh token works once, and a
/// locked account or one whose sessions ended (sign-out changes the security stamp) gets no new tokens.
/// </summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password)
    {
        public override string ToString() => $"sign-in of {Email}";
    }

    public sealed record RefreshRequest(string? RefreshToken)
    {
        public override string ToString() => "refresh";
    }

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/login", LoginAsync).Named("SignIn", "Signs in with email and password; answers a bearer token and a refresh token.")
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/refresh", RefreshAsync).Named("Refresh", "Trades a refresh token (once) for new tokens.")
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, SignInManager<AppUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email?.Trim() ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: false);
        // On success the bearer handler has written the tokens already.
        return result.Succeeded
            ? TypedResults.Empty
            : ApiResults.Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", SignInMessages.Failed);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer,
        RefreshTokenLedger ledger, TimeProvider time, CancellationToken ct)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || user.Deactivated
            || !await ledger.TrySpendAsync(request.RefreshToken!, expires, ct))
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Refresh refused",
                "The refresh token is unknown, used already or expired, or its account is deactivated or signed out: sign in again.");
        }

        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }
}
