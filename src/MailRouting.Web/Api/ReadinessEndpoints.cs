using MailRouting.Readiness;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class ReadinessEndpoints
{
    public sealed record MoveRequest(int ServerId, IReadOnlyList<int>? ChannelIds, string? TestRecipient,
        IReadOnlyList<string>? UserIds = null);

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
        readiness.MapPost("/move", MoveAsync).Only(Policies.Admin).Named("MoveSenders",
                "Moves channels and users to another server (such as Microsoft Graph), each only after a test of it "
                    + "there succeeds; their held messages go with them.")
            .Produces<IReadOnlyList<SenderMoveResult>>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ReadinessReport report, CancellationToken ct) =>
        TypedResults.Ok(await report.ItemsAsync(ct));

    private static async Task<IResult> ProbeAsync(ServerProbe probe, CancellationToken ct) =>
        TypedResults.Ok(await probe.ProbeAsync(ct));

    private static async Task<IResult> MoveAsync(MoveRequest request, SenderMoves moves, CancellationToken ct)
    {
        var (channels, users) = (request.ChannelIds ?? [], request.UserIds ?? []);
        if (channels.Count + users.Count is 0 or > SenderMoves.MaxSenders)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["channelIds"] = [$"Choose between 1 and {SenderMoves.MaxSenders} channels and users to move."],
            });
        }

        if (ApiResults.InvalidRecipient(request.TestRecipient) is { } invalid)
        {
            return invalid;
        }

        return await moves.MoveAsync(request.ServerId, channels, users, request.TestRecipient?.Trim(), ct)
            is { } results
            ? TypedResults.Ok(results)
            : ApiResults.NotFound($"SMTP server {request.ServerId}");
    }
}
