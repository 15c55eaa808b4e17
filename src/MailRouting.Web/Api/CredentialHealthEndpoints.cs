using MailRouting.Health;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class CredentialHealthEndpoints
{
    public static void MapCredentialHealthEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/credential-health",
            ListAsync).WithTags("Credential health").RequireBearer().Only(Policies.ServerReader)
            .Named("ListCredentialWarnings",
                "Credentials that will stop mail soon or have: secrets near expiry, idle or failed connections, "
                + "refused sign-ins, mailboxes that keep being limited; each with who must act and how.")
            .Produces<IReadOnlyList<CredentialWarning>>();

    private static async Task<IResult> ListAsync(CredentialHealth health, CancellationToken ct) =>
        TypedResults.Ok(await health.WarningsAsync(ct));
}
