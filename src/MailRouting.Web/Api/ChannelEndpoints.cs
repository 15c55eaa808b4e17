using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.Resolution;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class ChannelEndpoints
{
    public static void MapChannelEndpoints(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Channels").RequireBearer();
        channels.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListChannels", "Channels, filtered, sorted and paged, with their effective server.")
            .Produces<PagedList<ChannelSummary>>();
        channels.MapGet("/{id:int}", GetAsync).Only(Policies.ServerReader).Named("GetChannel", "One channel.")
            .Produces<ChannelSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        channels.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateChannel", "Adds a channel.")
            .Produces<ChannelSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        channels.MapPut("/{id:int}", UpdateAsync).Only(Policies.Admin).Named("UpdateChannel", "Changes a channel; send the version you read.")
            .Produces<ChannelSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        channels.MapDelete("/{id:int}", DeleteAsync).Only(Policies.Admin).Named("DeleteChannel", "Deletes a channel.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        channels.MapPost("/{id:int}/test", TestAsync).Only(Policies.Admin).Named("TestChannel", "Tests exactly what a send as the channel does, optionally to a recipient.")
            .Produces<ConnectionTestReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RefusesToSend();
        channels.MapPost("/{id:int}/test-incoming", TestIncomingAsync).Only(Policies.Admin).Named("TestChannelIncoming", "Signs in to the channel's IMAP or POP3 mailbox.")
            .Produces<ConnectionTestReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> TestIncomingAsync(int id, ChannelService service, IncomingTester tester, SenderResolution resolution, CancellationToken ct) =>
        await service.IncomingOfAsync(id, ct) switch
        {
            null => ApiResults.NotFound($"Channel {id}"),
            { Protocol: IncomingProtocol.None } => ApiResults.Problem(StatusCodes.Status409Conflict, "No incoming settings",
                "This channel has no incoming server; choose IMAP or POP3 on its page first."),
            var incoming => TypedResults.Ok(await tester.TestAsync(incoming, (await resolution.ForChannelAsync(id, ct))?.Grant, ct)),
        };

    private static async Task<IResult> ListAsync(ChannelQueries queries, string? search, int? serverId, ChannelSort? sort, bool? descending,
        int? page, int? pageSize, CancellationToken ct)
    {
        var list = await queries.ListAsync(new ChannelListQuery(search, serverId, sort ?? ChannelSort.Name, descending == true, page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(list);
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
