using System.Security.Claims;
using MailRouting.Audit;

namespace MailRouting.Web.Audit;

/// <summary>
/// The user of the request being served (their email) and the address it came from; the app itself outside one.
/// </summary>
public sealed class SignedInActor(IHttpContextAccessor http) : IAuditActor
{
    public (string Who, string? From) Current => http.HttpContext is { } context
        ? (context.User.FindFirstValue(ClaimTypes.Email) ?? context.User.Identity?.Name ?? "anonymous",
            context.Connection.RemoteIpAddress?.ToString())
        : (SystemActor.Name, null);
}
