using MailRouting.Channels;
using MailRouting.Delivery;
using MailRouting.Resolution;

namespace MailRouting.Web.Api;

public static class ChannelEndpoints
{
    public static void MapChannelEndpoints(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Channels").RequireAuthorization(Policies.Api);
        channels.MapGet("/", ListAsync).RequireAuthorization(Policies.ServerReader);
        channels.MapGet("/{id:int}", GetAsync).RequireAuthorization(Policies.ServerReader);
        channels.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        channels.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Policies.Admin);
        channels.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(Policies.Admin);
        channels.MapPost("/{id:int}/test", TestAsync).RequireAuthorization(Policies.Admin);
        channels.MapPost("/{id:int}/test-incoming", TestIncomingAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> TestIncomingAsync(int id, ChannelService service, IncomingTester tester, CancellationToken ct) =>
        await service.IncomingOfAsync(id, ct) switch
        {
            null => ApiResults.NotFound($"Channel {id}"),
            { Protocol: IncomingProtocol.None } => ApiResults.Problem(StatusCodes.Status409Conflict, "No incoming settings",
                "This channel has no incoming server; choose IMAP or POP3 on its page first."),
            var incoming => TypedResults.Ok(await tester.TestAsync(incoming, ct)),
        };

    private static async Task<IResult> ListAsync(ChannelQueries queries, string? search, int? serverId, ChannelSort? sort, bool? descending,
        int? page, int? pageSize, CancellationToken ct)
    {
        var list = await queries.ListAsync(new ChannelListQuery(search, serverId, sort ?? ChannelSort.Name, descending == true, page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(new { items = list.Items, total = list.Total, page = list.Page, pageSize = list.PageSize });
    }

    private static async Task<IResult> GetAsync(int id, ChannelQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } channel ? TypedResults.Ok(channel) : ApiResults.NotFound($"Channel {id}");

    private static async Task<IResult> CreateAsync(ChannelInput input, ChannelService service, ChannelQueries queries, CancellationToken ct)
    {
        var change = await service.CreateAsync(input, ct);
        return change.Value is { } created
            ? TypedResults.Created($"/api/v1/channels/{created.Id}", await queries.FindAsync(created.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> UpdateAsync(int id, ChannelInput input, ChannelService service, ChannelQueries queries, CancellationToken ct)
    {
        var change = await service.UpdateAsync(id, input, ct);
        return change.Value is { } updated ? TypedResults.Ok(await queries.FindAsync(updated.Id, ct)) : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> DeleteAsync(int id, ChannelService service, CancellationToken ct) =>
        ApiResults.From(await service.DeleteAsync(id, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> TestAsync(int id, SmtpServerEndpoints.TestRequest? request, SenderResolution resolution, SenderTester tester, CancellationToken ct)
    {
        if (ApiResults.InvalidRecipient(request?.Recipient) is { } invalid)
        {
            return invalid;
        }

        var resolved = await resolution.ForChannelAsync(id, ct);
        return resolved is null ? ApiResults.NotFound($"Channel {id}") : ApiResults.From(await tester.TestAsync(resolved, request?.Recipient, ct));
    }
}
