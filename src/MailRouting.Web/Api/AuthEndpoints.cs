using MailRouting.Users;

namespace MailRouting.Web.Api;

/// <summary>
/// Identity's own token endpoints under /api/v1/auth, limited to sign-in and refresh: admins create users, so
/// registration, password reset and the rest stay unreachable (404) and out of the OpenAPI document.
/// </summary>
public static class AuthEndpoints
{
    private const string Prefix = "/api/v1/auth";
    private static readonly string[] Exposed = ["/login", "/refresh"];

    public static void MapAuthEndpoints(this RouteGroupBuilder api) =>
        api.MapGroup("/auth").WithTags("Auth").AllowAnonymous().MapIdentityApi<AppUser>();

    public static bool IsHidden(string path) =>
        path.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase) && !Exposed.Contains(path[Prefix.Length..], StringComparer.OrdinalIgnoreCase);

    public sealed class OnlySignInAndRefresh(RequestDelegate next)
    {
        public Task InvokeAsync(HttpContext context)
        {
            if (IsHidden(context.Request.Path.Value ?? ""))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        }
    }
}
