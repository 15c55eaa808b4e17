using System.Security.Claims;
using MailRouting.Outbox;
using MailRouting.Outbox.Intake;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;
using MailRouting.Users;
using MailRouting.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MailRouting.Web.Api;

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages").RequireBearer();
        messages.MapPost("/", SendAsync).Only(Policies.Sender).Named("SendMessage", "Queues a message as a channel or a user; it is resolved and stored in one step.")
            .Produces<AcceptedMessage>(StatusCodes.Status202Accepted).ProducesValidationProblem().RefusesToSend();
        messages.MapPost("/batch", SendBatchAsync).Only(Policies.Sender).Named("SendMessages", "Queues up to 100 messages in one transaction, all or none.")
            .Produces<AcceptedBatch>(StatusCodes.Status202Accepted).ProducesValidationProblem().RefusesToSend();
        messages.MapGet("/{id:guid}", GetAsync).Named("GetMessage", "One message with every attempt.")
            .Produces<MessageView>().ProducesProblem(StatusCodes.Status404NotFound);
        messages.MapGet("/", ListAsync).Named("ListMessages", "Messages, newest first (admins and support see all, agents their own).")
            .Produces<PagedList<MessageView>>();
        messages.MapPost("/{id:guid}/retry", RetryAsync).Only(Policies.Admin).Named("RetryMessage", "Queues a failed message again, resolved with today's configuration.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var failed = api.MapGroup("/").WithTags("Messages").RequireBearer();
        failed.MapPost("/smtp-servers/{id:int}/retry-failed", async (int id, ClaimsPrincipal caller, BulkRetry retry, CancellationToken ct) =>
                await retry.ForServerAsync(id, ActorOf(caller), ct) is { } result ? TypedResults.Ok(result) : ApiResults.NotFound($"SMTP server {id}"))
            .Only(Policies.Admin).Named("RetryFailedMessagesOfServer", "After a fix: queues every failed message of the server again, each resolved anew.")
            .Produces<BulkRetryResult>().ProducesProblem(StatusCodes.Status404NotFound);
        failed.MapPost("/channels/{id:int}/retry-failed", async (int id, ClaimsPrincipal caller, BulkRetry retry, CancellationToken ct) =>
                await retry.ForChannelAsync(id, ActorOf(caller), ct) is { } result ? TypedResults.Ok(result) : ApiResults.NotFound($"Channel {id}"))
            .Only(Policies.Admin).Named("RetryFailedMessagesOfChannel", "After a fix: queues every failed message sent as the channel again, each resolved anew.")
            .Produces<BulkRetryResult>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static Actor ActorOf(ClaimsPrincipal caller) => new(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, caller.IsInRole(Roles.Admin),
        ReadsAll: caller.IsInRole(Roles.Admin) || caller.IsInRole(Roles.Support), Name: caller.Identity?.Name ?? "You");

    private static async Task<IResult> SendAsync(SendRequest request, ClaimsPrincipal caller, MessageIntake service, CancellationToken ct)
    {
        var result = await service.EnqueueAsync(request, ActorOf(caller), ct);
        if (result.Message is { } message)
        {
            return TypedResults.Accepted($"/api/v1/messages/{message.Id}", AcceptedMessage.Of(message));
        }

        return result.Errors is { } errors
            ? TypedResults.ValidationProblem(errors)
            : ApiResults.CannotSend(result.Failure!);
    }

    /// <summary>Up to 100 messages in one request and one transaction; all are queued, or none.</summary>
    private static async Task<IResult> SendBatchAsync(BatchRequest request, ClaimsPrincipal caller, MessageIntake service, CancellationToken ct)
    {
        var result = await service.EnqueueManyAsync(request.Messages ?? [], ActorOf(caller), ct);
        if (result.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return result.Failure is { } failure
            ? ApiResults.CannotSend(failure, result.FailedIndex)
            : TypedResults.Accepted((string?)null, new AcceptedBatch([.. result.Messages.Select(AcceptedMessage.Of)]));
    }

    public sealed record BatchRequest(IReadOnlyList<SendRequest?>? Messages);

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal caller, MessageQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ActorOf(caller), ct) is { } message ? TypedResults.Ok(message) : ApiResults.NotFound("That message");

    /// <param name="search">Part of a recipient's address or of the subject.</param>
    /// <param name="from">Created at or after this moment (ISO 8601; UTC unless it says otherwise).</param>
    /// <param name="before">Created before this moment.</param>
    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, MessageQueries queries, MessageStatus? status, int? channelId, string? userId,
        int? serverId, int? page, string? search, DateTimeOffset? from, DateTimeOffset? before, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(
            new MessageFilter(status, channelId, userId, serverId, page ?? 1, search, from?.UtcDateTime, before?.UtcDateTime), ActorOf(caller), ct));

    private static async Task<IResult> RetryAsync(Guid id, ClaimsPrincipal caller, MessageRetry service, CancellationToken ct) =>
        ApiResults.From(await service.RetryAsync(id, ActorOf(caller), ct), _ => TypedResults.NoContent());
}
