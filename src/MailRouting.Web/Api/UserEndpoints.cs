using System.Security.Claims;
using MailRouting.ConnectionTests;
using MailRouting.Outbox.Intake;
using MailRouting.Projects;
using MailRouting.Resolution;
using MailRouting.Users;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class UserEndpoints
{
    public sealed record PasswordRequest(string? Username, string? Password)
    {
        public override string ToString() => $"SMTP password for {Username ?? "the email address"}";
    }

    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireBearer();
        users.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListUsers", "Users, filtered, sorted and paged, with their effective server.")
            .Produces<PagedList<UserSummary>>();
        users.MapGet("/{id}", GetAsync).Only(Policies.ServerReader).Named("GetUser", "One user.")
            .Produces<UserSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateUser", "Adds a user with a role and an initial password.")
            .Produces<UserSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        users.MapPut("/{id}", UpdateAsync).Only(Policies.Admin).Named("UpdateUserMailSettings", "Sets a user's server, override and SMTP username.")
            .Produces<UserSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapDelete("/{id}/smtp-password", ClearPasswordAsync).Only(Policies.Admin).Named("ClearUserSmtpPassword", "Clears a user's SMTP password.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        // The signed-in user's own data: the id always comes from the token, never from the request.
        var me = api.MapGroup("/me").WithTags("Me").RequireBearer();
        me.MapGet("/", MeAsync).Named("GetMe", "The signed-in user's settings and how their mail goes out.")
            .Produces<MeAnswer>().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/senders", MySendersAsync).Only(Policies.Sender)
            .Named("ListMySenders", "Who the signed-in user may send as and name as Reply-To (in a project when projectId is given), with how each goes out.")
            .Produces<SenderOptions>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapPut("/smtp-password", SetOwnPasswordAsync).Only(Policies.Sender).Named("SetMySmtpPassword", "Sets the signed-in user's own SMTP password (and username).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/test", TestOwnAsync).Only(Policies.Sender).Named("TestMySending", "Tests sending as the signed-in user, optionally to a recipient.")
            .Produces<ConnectionTestReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RefusesToSend();
        me.MapPut("/sent-copy", SetOwnSentCopyAsync).Only(Policies.Sender).Named("SetMySentCopy", "Copies the signed-in user's sent mail to a folder of their IMAP mailbox.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/contact", async (ClaimsPrincipal caller, ContactInput input, ContactDetails contacts, CancellationToken ct) =>
                ApiResults.From(await contacts.SaveAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, input, ct), contact => TypedResults.Ok(contact)))
            .Named("SetMyContact", "Sets the signed-in user's phone, mobile and fax, which signatures show.")
            .Produces<ContactInput>().ProducesValidationProblem();
        me.MapDelete("/sent-copy", StopOwnSentCopyAsync).Named("StopMySentCopy", "Stops copying the signed-in user's sent mail.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/sent-copy/test", TestOwnSentCopyAsync).Only(Policies.Sender).Named("TestMySentCopy", "Signs in to the signed-in user's IMAP mailbox as stored.")
            .Produces<ConnectionTestReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> ListAsync(UserQueries queries, string? search, int? serverId, string? role, UserSort? sort, bool? descending,
        int? page, int? pageSize, CancellationToken ct)
    {
        return TypedResults.Ok(await queries.ListAsync(new UserListQuery(search, serverId, role, sort ?? UserSort.Email, descending == true, page ?? 1, pageSize ?? 50), ct));
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

    private static async Task<IResult> MySendersAsync(ClaimsPrincipal caller, int? projectId, SenderChoices choices, ProjectContexts projects, CancellationToken ct)
    {
        var actor = MessageEndpoints.ActorOf(caller);
        var project = projectId is { } id ? await projects.ForAsync(id, actor.UserId, ct) : null;
        if (projectId is not null && project is null)
        {
            return ApiResults.NotFound($"Project {projectId}");
        }

        if (project?.Admits(actor) is { Allowed: false } outside)
        {
            return ApiResults.Problem(StatusCodes.Status422UnprocessableEntity, "Not in the project", outside.Reason);
        }

        var senders = await choices.ForAsync(actor, ct, project);
        return TypedResults.Ok(new SenderOptions(
            [.. senders.Select(s => new SenderOption(s.Ref.ChannelId, s.Ref.UserId, s.Label, Explanation.Of(s.Resolution)))],
            await choices.ReplyTosAsync(actor, ct, project)));
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal caller, UserQueries queries, SenderResolution resolution, CancellationToken ct)
    {
        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var user = await queries.FindAsync(id, ct);
        var resolved = await resolution.ForUserAsync(id, ct);
        return user is null || resolved is null ? ApiResults.NotFound("That user") : TypedResults.Ok(new MeAnswer(user, Explanation.Of(resolved.Resolution)));
    }

    /// <summary>Tried at the server first, as on Profile: a password the server refuses is a 400 and is not saved.</summary>
    private static async Task<IResult> SetOwnPasswordAsync(PasswordRequest request, ClaimsPrincipal caller, OwnPasswordCheck passwords, CancellationToken ct) =>
        ApiResults.From((await passwords.SaveAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, request.Username, request.Password, ct)).Change,
            _ => TypedResults.NoContent());

    private static async Task<IResult> SetOwnSentCopyAsync(SentCopyInput request, ClaimsPrincipal caller, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.SetOwnSentCopyAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, request, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> StopOwnSentCopyAsync(ClaimsPrincipal caller, UserMailService service, CancellationToken ct) =>
        ApiResults.From(await service.StopOwnSentCopyAsync(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, ct), _ => TypedResults.NoContent());

    /// <summary>Signs in to the user's IMAP mailbox with the stored settings; the report never quotes the other side.</summary>
    private static async Task<IResult> TestOwnSentCopyAsync(ClaimsPrincipal caller, UserMailService service, OwnSignInTests tests, SenderResolution resolution,
        CancellationToken ct)
    {
        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var mailbox = await service.SentCopyMailboxAsync(id, ct);
        if (mailbox.Value is not { } settings)
        {
            return ApiResults.From(mailbox, _ => TypedResults.Empty);
        }

        var (report, refusal) = await tests.TestSentCopyAsync(id, settings, (await resolution.ForUserAsync(id, ct))?.Grant, ct);
        return report is null ? ApiResults.TooManyAttempts(refusal!) : TypedResults.Ok(report);
    }

    private static async Task<IResult> TestOwnAsync(SmtpServerEndpoints.TestRequest? request, ClaimsPrincipal caller, SenderResolution resolution, OwnSignInTests tests,
        CancellationToken ct)
    {
        if (ApiResults.InvalidRecipient(request?.Recipient) is { } invalid)
        {
            return invalid;
        }

        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (await resolution.ForUserAsync(id, ct,
            new SendContext(new Actor(id, caller.IsInRole(Roles.Admin)))) is not { } resolved)
        {
            return ApiResults.NotFound("That user");
        }

        var (result, refusal) = await tests.TestSendingAsync(id, resolved, request?.Recipient, ct);
        return result is null ? ApiResults.TooManyAttempts(refusal!) : ApiResults.From(result);
    }
}
