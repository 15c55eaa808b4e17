using System.Security.Claims;
using MailRouting.Delivery;
using MailRouting.Resolution;
using MailRouting.Users;

namespace MailRouting.Web.Api;

public static class UserEndpoints
{
    public sealed record PasswordRequest(string? Username, string? Password)
    {
        public override string ToString() => $"SMTP password for {Username ?? "the email address"}";
    }

    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Api);
        users.MapGet("/", ListAsync).RequireAuthorization(Policies.ServerReader);
        users.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.ServerReader);
        users.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        users.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin);
        users.MapDelete("/{id}/smtp-password", ClearPasswordAsync).RequireAuthorization(Policies.Admin);

        // The signed-in user's own data: the id always comes from the token, never from the request.
        var me = api.MapGroup("/me").WithTags("Me").RequireAuthorization(Policies.Api);
        me.MapGet("/", MeAsync);
        me.MapPut("/smtp-password", SetOwnPasswordAsync);
        me.MapPost("/test", TestOwnAsync).RequireAuthorization(Policies.Sender);
        me.MapPut("/sent-copy", SetOwnSentCopyAsync);
        me.MapDelete("/sent-copy", StopOwnSentCopyAsync);
        me.MapPost("/sent-copy/test", TestOwnSentCopyAsync);
    }

    private static async Task<IResult> ListAsync(UserQueries queries, string? search, int? serverId, string? role, UserSort? sort, bool? descending,
        int? page, int? pageSize, CancellationToken ct)
    {
        var list = await queries.ListAsync(new UserListQuery(search, serverId, role, sort ?? UserSort.Email, descending == true, page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(new { items = list.Items, total = list.Total, page = list.Page, pageSize = list.PageSize });
    }

    private static async Task<IResult> GetAsync(string id, UserQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : ApiResults.NotFound("That user");

    private static async Task<IResult> CreateAsync(NewUser input, UserMailService service, UserQueries queries, CancellationToken ct)
    {
        var change = await service.CreateAsync(input, ct);
        return change.Value is { } user
            ? TypedResults.Created($"/api/v1/users/{user.Id}", await queries.FindAsync(user.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> UpdateAsync(string id, UserMailSettings settings, UserMailService service, UserQueries queries, CancellationToken ct)
    {
        var change = await service.SetMailSettingsAsync(id, settings, ct);
        return change.Value is null ? ApiResults.From(change, _ => TypedResults.Empty) : TypedResults.Ok(await queries.FindAsync(id, ct));
    }

    private static async Task<IResult> ClearPasswordAsync(string id, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.ClearPasswordAsync(id, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> MeAsync(ClaimsPrincipal caller, UserQueries queries, SenderResolution resolution, CancellationToken ct)
    {
        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var user = await queries.FindAsync(id, ct);
        var resolved = await resolution.ForUserAsync(id, ct);
        return user is null || resolved is null ? ApiResults.NotFound("That user") : TypedResults.Ok(new { user, explanation = Explanation.Of(resolved.Resolution) });
    }

    private static async Task<IResult> SetOwnPasswordAsync(PasswordRequest request, ClaimsPrincipal caller, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.SetOwnPasswordAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, request.Username, request.Password, ct),
            _ => TypedResults.NoContent());

    private static async Task<IResult> SetOwnSentCopyAsync(SentCopyInput request, ClaimsPrincipal caller, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.SetOwnSentCopyAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, request, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> StopOwnSentCopyAsync(ClaimsPrincipal caller, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.StopOwnSentCopyAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, ct), _ => TypedResults.NoContent());

    /// <summary>Signs in to the user's IMAP mailbox with the stored settings; the report never quotes the other side.</summary>
    private static async Task<IResult> TestOwnSentCopyAsync(ClaimsPrincipal caller, UserMailService service, IncomingTester tester, CancellationToken ct)
    {
        var mailbox = await service.SentCopyMailboxAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return mailbox.Value is { } settings
            ? TypedResults.Ok((await tester.TestAsync(settings, ct)).WithoutServerText())
            : ApiResults.From(mailbox, _ => TypedResults.Empty);
    }

    private static async Task<IResult> TestOwnAsync(SmtpServerEndpoints.TestRequest? request, ClaimsPrincipal caller, SenderResolution resolution, SenderTester tester, CancellationToken ct)
    {
        if (ApiResults.InvalidRecipient(request?.Recipient) is { } invalid)
        {
            return invalid;
        }

        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var resolved = await resolution.ForUserAsync(id, ct, new Actor(id, caller.IsInRole(Roles.Admin)));
        return resolved is null ? ApiResults.NotFound("That user") : ApiResults.From(await tester.TestAsync(resolved, request?.Recipient, ct));
    }
}
