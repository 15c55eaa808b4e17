using System.Security.Claims;
using MailRouting.Users;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

/// <summary>Admins look after people's accounts: name, email and role, a new password, unlocking, deactivating.</summary>
public static class UserAccountEndpoints
{
    public sealed record NewPasswordRequest(string? Password)
    {
        public override string ToString() => "a new password";
    }

    public static void MapUserAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/users/{id}").WithTags("Users").RequireBearer();
        accounts.MapPut("/account", (string id, AccountInput input, ClaimsPrincipal caller, UserAccounts service, UserQueries queries, CancellationToken ct) =>
                AnsweredAsync(id, service.UpdateAsync(id, input, ActorId(caller), ct), queries, ct))
            .Only(Policies.Admin).Named("UpdateUserAccount", "Changes a user's name, email (also the sign-in name) and role.").Answers();
        accounts.MapPost("/password", (string id, NewPasswordRequest request, UserAccounts service, UserQueries queries, CancellationToken ct) =>
                AnsweredAsync(id, service.ResetPasswordAsync(id, request.Password, ct), queries, ct))
            .Only(Policies.Admin).Named("SetUserPassword", "Gives a user a new password; they are unlocked and signed out everywhere.").Answers();
        accounts.MapPost("/unlock", (string id, UserAccounts service, UserQueries queries, CancellationToken ct) =>
                AnsweredAsync(id, service.UnlockAsync(id, ct), queries, ct))
            .Only(Policies.Admin).Named("UnlockUser", "Lets a user locked after failed sign-ins sign in again.").Answers();
        accounts.MapPost("/deactivate", (string id, ClaimsPrincipal caller, UserAccounts service, UserQueries queries, CancellationToken ct) =>
                AnsweredAsync(id, service.SetDeactivatedAsync(id, true, ActorId(caller), ct), queries, ct))
            .Only(Policies.Admin).Named("DeactivateUser", "Stops a user from signing in and ends their sessions and tokens; their messages stay.").Answers();
        accounts.MapPost("/reactivate", (string id, ClaimsPrincipal caller, UserAccounts service, UserQueries queries, CancellationToken ct) =>
                AnsweredAsync(id, service.SetDeactivatedAsync(id, false, ActorId(caller), ct), queries, ct))
            .Only(Policies.Admin).Named("ReactivateUser", "Lets a deactivated user sign in again.").Answers();
        accounts.MapGet("/contact", async (string id, ContactDetails contacts, CancellationToken ct) =>
                await contacts.GetAsync(id, ct) is { } contact ? TypedResults.Ok(contact) : ApiResults.NotFound("That user"))
            .Only(Policies.ServerReader).Named("GetUserContact", "A user's phone, mobile and fax, for signatures.")
            .Produces<ContactInput>().ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPut("/contact", async (string id, ContactInput input, ContactDetails contacts, CancellationToken ct) =>
                ApiResults.From(await contacts.SaveAsync(id, input, ct), contact => TypedResults.Ok(contact)))
            .Only(Policies.Admin).Named("SetUserContact", "Sets a user's phone, mobile and fax (empty clears one).")
            .Produces<ContactInput>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string ActorId(ClaimsPrincipal caller) => caller.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<IResult> AnsweredAsync(string id, Task<Change<AppUser>> change, UserQueries queries, CancellationToken ct)
    {
        var done = await change;
        return done.Value is null ? ApiResults.From(done, _ => TypedResults.Empty) : TypedResults.Ok(await queries.FindAsync(id, ct));
    }

    private static RouteHandlerBuilder Answers(this RouteHandlerBuilder builder) => builder.Produces<UserSummary>().ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
