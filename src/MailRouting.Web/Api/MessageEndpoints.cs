using System.Security.Claims;
using MailRouting.Resolution;
using MailRouting.Sending;
using MailRouting.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MailRouting.Web.Api;

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages").RequireAuthorization(Policies.Api);
        messages.MapPost("/", SendAsync).RequireAuthorization(Policies.Sender);
        messages.MapPost("/batch", SendBatchAsync).RequireAuthorization(Policies.Sender);
        messages.MapGet("/{id:guid}", GetAsync);
        messages.MapGet("/", ListAsync);
        messages.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(Policies.Admin);
    }

    public static Actor ActorOf(ClaimsPrincipal caller) => new(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, caller.IsInRole(Roles.Admin));

    private static async Task<IResult> SendAsync(SendRequest request, ClaimsPrincipal caller, MessageService service, CancellationToken ct)
    {
        var result = await service.EnqueueAsync(request, ActorOf(caller), ct);
        if (result.Message is { } message)
        {
            return TypedResults.Accepted($"/api/v1/messages/{message.Id}", new { id = message.Id, status = message.Status, messageId = message.MessageId });
        }

        return result.Errors is { } errors ? TypedResults.ValidationProblem(errors) : CannotSend(result.Failure!, null);
    }

    /// <summary>Up to 100 messages in one request and one transaction; all are queued, or none.</summary>
    private static async Task<IResult> SendBatchAsync(BatchRequest request, ClaimsPrincipal caller, MessageService service, CancellationToken ct)
    {
        var result = await service.EnqueueManyAsync(request.Messages ?? [], ActorOf(caller), ct);
        if (result.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return result.Failure is { } failure
            ? CannotSend(failure, result.FailedIndex)
            : TypedResults.Accepted((string?)null, new { items = result.Messages.Select(m => new { id = m.Id, status = m.Status, messageId = m.MessageId }) });
    }

    /// <param name="index">In a batch, which message's sender it is.</param>
    private static ProblemHttpResult CannotSend(ResolutionFailure failure, int? index)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = failure.Code, ["fix"] = failure.Fix, ["steps"] = failure.Steps };
        if (index is not null)
        {
            extensions["index"] = index;
        }

        return TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "This sender cannot send", extensions: extensions);
    }

    public sealed record BatchRequest(IReadOnlyList<SendRequest?>? Messages);

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal caller, MessageQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ActorOf(caller), ct) is { } message ? TypedResults.Ok(message) : ApiResults.NotFound("That message");

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, MessageQueries queries, MessageStatus? status, int? channelId, string? userId,
        int? serverId, int? page, CancellationToken ct)
    {
        var list = await queries.ListAsync(new MessageFilter(status, channelId, userId, serverId, page ?? 1), ActorOf(caller), ct);
        return TypedResults.Ok(new { items = list.Items, total = list.Total });
    }

    private static async Task<IResult> RetryAsync(Guid id, ClaimsPrincipal caller, MessageService service, CancellationToken ct) =>
        ApiResults.From(await service.RetryAsync(id, ActorOf(caller), ct), _ => TypedResults.NoContent());
}
