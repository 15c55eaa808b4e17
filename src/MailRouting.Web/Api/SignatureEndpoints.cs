using MailRouting.Signatures;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class SignatureEndpoints
{
    public static void MapSignatureEndpoints(this RouteGroupBuilder api)
    {
        var central = api.MapGroup("/signatures").WithTags("Signatures").RequireBearer();
        central.MapGet("/central", async (SignatureService signatures, CancellationToken ct) =>
                TypedResults.Ok(await signatures.GetAsync(SignatureScope.Central, null, ct)))
            .Only(Policies.ServerReader).Named("GetCentralSignature", "The signature of every message whose channel has none of its own.")
            .Produces<SignatureView>();
        central.MapPut("/central", async (SignatureInput input, SignatureService signatures, CancellationToken ct) =>
                ApiResults.From(await signatures.SaveAsync(SignatureScope.Central, null, input, ct), view => TypedResults.Ok(view)))
            .Only(Policies.Admin).Named("SetCentralSignature", $"Sets it (HTML is cleaned; variables {SignatureValues.Variables}); both parts empty removes it.")
            .Produces<SignatureView>().ProducesValidationProblem();

        var channel = api.MapGroup("/channels/{id:int}/signature").WithTags("Signatures").RequireBearer();
        channel.MapGet("/", async (int id, SignatureService signatures, CancellationToken ct) =>
                TypedResults.Ok(await signatures.GetAsync(SignatureScope.Channel, id, ct)))
            .Only(Policies.ServerReader).Named("GetChannelSignature", "The channel's own signature (empty: the central one applies).")
            .Produces<SignatureView>();
        channel.MapPut("/", async (int id, SignatureInput input, SignatureService signatures, CancellationToken ct) =>
                ApiResults.From(await signatures.SaveAsync(SignatureScope.Channel, id, input, ct), view => TypedResults.Ok(view)))
            .Only(Policies.Admin).Named("SetChannelSignature", "Sets the channel's own signature; both parts empty removes it.")
            .Produces<SignatureView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
