using System.Security.Claims;
using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Sending;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Web.Api;

public static class MessageEndpoints
{
    public sealed record MessageView(Guid Id, MessageStatus Status, string MessageId, SenderKind SenderKind, string SenderId, string From, string EnvelopeFrom,
        int ServerId, string? Login, string Subject, IReadOnlyList<string> Recipients, DateTime CreatedAt, DateTime? SentAt, string? QueueId,
        IReadOnlyList<DeliveryAttempt> Attempts);

    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages").RequireAuthorization(Policies.Api);
        messages.MapPost("/", SendAsync);
        messages.MapGet("/{id:guid}", GetAsync);
        messages.MapGet("/", ListAsync);
    }

    private static Actor ActorOf(ClaimsPrincipal caller) => new(caller.FindFirstValue(ClaimTypes.NameIdentifier)!, caller.IsInRole(Roles.Admin));

    private static async Task<IResult> SendAsync(SendRequest request, ClaimsPrincipal caller, MessageService service, CancellationToken ct)
    {
        var result = await service.EnqueueAsync(request, ActorOf(caller), ct);
        if (result.Message is { } message)
        {
            return TypedResults.Accepted($"/api/v1/messages/{message.Id}", new { id = message.Id, status = message.Status, messageId = message.MessageId });
        }

        return result.Errors is { } errors
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Problem(result.Failure!.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "This sender cannot send",
                extensions: new Dictionary<string, object?> { ["code"] = result.Failure.Code, ["fix"] = result.Failure.Fix, ["steps"] = result.Failure.Steps });
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal caller, MailRoutingDbContext db, CancellationToken ct)
    {
        var actor = ActorOf(caller);
        var message = await Visible(db, actor).SingleOrDefaultAsync(m => m.Id == id, ct);
        return message is null ? ApiResults.NotFound("That message") : TypedResults.Ok(View(message));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, MailRoutingDbContext db, MessageStatus? status, int? channelId, string? userId,
        int? serverId, int? page, CancellationToken ct)
    {
        var messages = Visible(db, ActorOf(caller));
        if (status is { } wanted)
        {
            messages = messages.Where(m => m.Status == wanted);
        }

        if (channelId is { } channel)
        {
            var sender = channel.ToString(System.Globalization.CultureInfo.InvariantCulture);
            messages = messages.Where(m => m.SenderKind == SenderKind.Channel && m.SenderId == sender);
        }

        if (userId is not null)
        {
            messages = messages.Where(m => m.SenderKind == SenderKind.User && m.SenderId == userId);
        }

        if (serverId is { } server)
        {
            messages = messages.Where(m => m.ServerId == server);
        }

        var total = await messages.CountAsync(ct);
        var items = await messages.OrderByDescending(m => m.CreatedAt).Skip((Math.Max(1, page ?? 1) - 1) * 50).Take(50).ToListAsync(ct);
        return TypedResults.Ok(new { items = items.Select(View), total });
    }

    /// <summary>Admins see every message; others what they sent themselves or what went out as them.</summary>
    private static IQueryable<OutboxMessage> Visible(MailRoutingDbContext db, Actor actor) => actor.IsAdmin
        ? db.Outbox.AsNoTracking()
        : db.Outbox.AsNoTracking().Where(m => m.CreatedBy == actor.UserId || (m.SenderKind == SenderKind.User && m.SenderId == actor.UserId));

    private static MessageView View(OutboxMessage m) => new(m.Id, m.Status, m.MessageId, m.SenderKind, m.SenderId, m.FromAddress, m.EnvelopeFrom,
        m.ServerId, m.Login, m.Subject, m.Recipients, m.CreatedAt, m.SentAt, m.QueueId, m.Attempts);
}
