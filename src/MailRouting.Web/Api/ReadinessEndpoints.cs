using MailRouting.Readiness;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class ReadinessEndpoints
{
    public sealed record MoveRequest(int ServerId, IReadOnlyList<int>? ChannelIds, string? TestRecipient);

    public static void MapReadinessEndpoints(this RouteGroupBuilder api)
    {
        var readiness = api.MapGroup("/readiness").WithTags("Readiness").RequireBearer();
        readiness.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListReadiness",
                "Every server account, channel and user login, and whether it will still send after Microsoft's and "
                + "Google's changes to SMTP sign-in.")
            .Produces<IReadOnlyList<ReadinessItem>>();
        readiness.MapPost("/probe", ProbeAsync).Only(Policies.Admin).Named("ProbeServers",
                "Asks every SMTP server what it advertises after EHLO (no sign-in): the mechanisms it offers.")
            .Produces<IReadOnlyList<ServerAdvertisement>>();
        readiness.MapPost("/move", MoveAsync).Only(Policies.Admin).Named("MoveChannels",
                "Moves channels to another server (such as Microsoft Graph), each only after a test of it there "
                    + "succeeds.")
            .Produces<IReadOnlyList<ChannelMoveResult>>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ReadinessReport report, CancellationToken ct) =>
        TypedResults.Ok(await report.ItemsAsync(ct));

    private static async Task<IResult> ProbeAsync(ServerProbe probe, CancellationToken ct) =>
        TypedResults.Ok(await probe.ProbeAsync(ct));

    private static async Task<IResult> MoveAsync(MoveRequest request, ChannelMoves moves, CancellationToken ct)
    {
        if (request.ChannelIds is not { Count: > 0 and <= ChannelMoves.MaxChannels } ids)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["channelIds"] = [$"Choose between 1 and {ChannelMoves.MaxChannels} channels to move."],
            });
        }

        if (ApiResults.InvalidRecipient(request.TestRecipient) is { } invalid)
        {
            return invalid;
        }

        return await moves.MoveAsync(request.ServerId, ids, request.TestRecipient?.Trim(), ct) is { } results
            ? TypedResults.Ok(results)
            : ApiResults.NotFound($"SMTP server {request.ServerId}");
    }
}
