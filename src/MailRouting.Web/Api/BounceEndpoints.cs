using System.Security.Claims;
using MailRouting.Bounces;
using MailRouting.Bounces.Parsing;
using MailRouting.Bounces.Reading;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class BounceEndpoints
{
    public static void MapBounceEndpoints(this RouteGroupBuilder api)
    {
        var bounces = api.MapGroup("/bounces").WithTags("Bounces").RequireBearer();
        bounces.MapGet("/", ListBouncesAsync).Only(Policies.ServerReader).Named("ListBounces",
                "Bounces read from the channels' mailboxes, newest first, 50 a page, one per recipient: its kind "
                + "(Hard, Soft, Delayed, Unknown), status, reply, meaning and fix, and the message it is about "
                + "(null: unmatched). "
                + "Filters: matched, kind, recipient (part of the address).")
            .Produces<PagedList<BounceView>>();
        bounces.MapGet("/mailboxes", async (BounceQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.MailboxesAsync(ct)))
            .Only(Policies.ServerReader).Named("ListBounceMailboxes",
                "The channels that read bounces, with their last read and, when it failed, why and the fix.")
            .Produces<IReadOnlyList<BounceMailboxView>>();
        bounces.MapPost("/check", (BounceSignal signal) =>
            {
                signal.Notify();
                return TypedResults.NoContent();
            })
            .Only(Policies.Admin).Named("CheckBouncesNow",
                "Starts reading every bounce mailbox now instead of at its next poll; what comes in shows in a moment.")
            .Produces(StatusCodes.Status204NoContent);

        var suppressions = api.MapGroup("/suppressions").WithTags("Bounces").RequireBearer();
        suppressions.MapGet("/", ListSuppressionsAsync).Only(Policies.ServerReader).Named("ListSuppressions",
                "Addresses mail is not sent to because they bounced, newest first, 50 a page. Filters: address (part), "
                + "reason (HardBounce, SoftBounces), removed (false by default: entries in force; true: removed ones).")
            .Produces<PagedList<SuppressionView>>();
        suppressions.MapPost("/{id:int}/remove", RemoveAsync).Only(Policies.Admin).Named("RemoveSuppression",
                "Lets mail go to the address again; the entry stays in the list with who removed it, when and the "
                + "reason given (required).")
            .Produces<SuppressionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    public sealed record RemovalRequest(string? Reason);

    private static async Task<IResult> ListBouncesAsync(BounceQueries queries, bool? matched, BounceKind? kind,
        string? recipient, int? page, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new BounceFilter(matched, kind, recipient, page ?? 1), ct));

    private static async Task<IResult> ListSuppressionsAsync(SuppressionList list, string? address,
        SuppressionReason? reason, bool? removed, int? page, CancellationToken ct) =>
        TypedResults.Ok(await list.ListAsync(new SuppressionFilter(address, reason, removed ?? false, page ?? 1), ct));

    private static async Task<IResult> RemoveAsync(int id, RemovalRequest? request, ClaimsPrincipal caller,
        SuppressionList list, CancellationToken ct) =>
        ApiResults.From(await list.RemoveAsync(id, request?.Reason, caller.Identity?.Name ?? "unknown", ct),
            TypedResults.Ok);
}
