using MailRouting.Deliverability;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

/// <summary>
/// What receivers will decide about a sender's mail (SPF and DMARC, looked up before anything is sent).
/// </summary>
public static class DeliverabilityEndpoints
{
    private const string Explained = "SPF and DMARC of the From domain, looked up in DNS for the server the mail goes "
        + "through: what receivers will decide (accepted, spam, rejected, unknown), why, and the record that fixes it. "
        + "A warning only.";

    public static void MapDeliverabilityEndpoints(this RouteGroupBuilder api)
    {
        var deliverability = api.MapGroup("/").WithTags("Deliverability").RequireBearer();
        deliverability.MapGet("/channels/{id:int}/deliverability", ForChannelAsync).Only(Policies.ServerReader)
            .Named("GetChannelDeliverability", "Mail sent as the channel. " + Explained)
            .Produces<LandingForecast>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        deliverability.MapGet("/users/{id}/deliverability", ForUserAsync).Only(Policies.ServerReader)
            .Named("GetUserDeliverability", "Mail sent as the user. " + Explained)
            .Produces<LandingForecast>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        deliverability.MapGet("/smtp-servers/{id:int}/deliverability", ForServerAsync).Only(Policies.ServerReader)
            .Named("GetSmtpServerDeliverability", "Mail from the server's sender address. " + Explained)
            .Produces<LandingForecast>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ForChannelAsync(int id, SenderResolution resolution, LandingCheck landing,
        CancellationToken ct) =>
        await ForecastAsync(await resolution.ForChannelAsync(id, ct), $"Channel {id}", landing, ct);

    private static async Task<IResult> ForUserAsync(string id, SenderResolution resolution, LandingCheck landing,
        CancellationToken ct) =>
        await ForecastAsync(await resolution.ForUserAsync(id, ct), "That user", landing, ct);

    private static async Task<IResult> ForServerAsync(int id, SmtpServerQueries servers, LandingCheck landing,
        CancellationToken ct) =>
        await servers.FindAsync(id, ct) is { } server
            ? TypedResults.Ok(await landing.ForAsync(server.SenderAddress, server.Host, server.Transport,
                server.SignWithDkim, ct))
            : ApiResults.NotFound($"SMTP server {id}");

    private static async Task<IResult> ForecastAsync(ResolvedSender? resolved, string what, LandingCheck landing,
        CancellationToken ct) => resolved switch
    {
        null => ApiResults.NotFound(what),
        { Resolution.Plan: { } plan } => TypedResults.Ok(await landing.ForPlanAsync(plan, ct)),
        _ => ApiResults.CannotSend(resolved.Resolution.Failure!),
    };
}
