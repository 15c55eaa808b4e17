using MailRouting.Dkim;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class DkimEndpoints
{
    public static void MapDkimEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/dkim-keys").WithTags("DKIM keys").RequireBearer();
        keys.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListDkimKeys",
                "Every DKIM key (never its private key) with the TXT record to publish and what DNS has there now.")
            .Produces<IReadOnlyList<DkimKeySummary>>();
        keys.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateDkimKey",
                "Makes a key for a sender domain (RSA 2048 or Ed25519), inactive until activated, so its record can be "
                + "published first.")
            .Produces<DkimKeySummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        keys.MapPost("/{id:int}/activate", ActivateAsync).Only(Policies.Admin).Named("ActivateDkimKey",
                "The key signs its domain's mail from now on, in place of the domain's active key of the same "
                + "algorithm.")
            .Produces<DkimKeySummary>().ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/{id:int}/deactivate", DeactivateAsync).Only(Policies.Admin).Named("DeactivateDkimKey",
                "The key stops signing.")
            .Produces<DkimKeySummary>().ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{id:int}", DeleteAsync).Only(Policies.Admin).Named("DeleteDkimKey", "Deletes a key for good.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(DkimKeyService service, DkimRecordCheck check, CancellationToken ct) =>
        TypedResults.Ok(await check.WithStatesAsync(await service.ListAsync(ct), ct));

    private static async Task<IResult> CreateAsync(DkimKeyInput input, DkimKeyService service, CancellationToken ct) =>
        ApiResults.From(await service.CreateAsync(input, ct),
            key => TypedResults.Created($"/api/v1/dkim-keys/{key.Id}", key));

    private static async Task<IResult> ActivateAsync(int id, DkimKeyService service, CancellationToken ct) =>
        ApiResults.From(await service.ActivateAsync(id, ct), TypedResults.Ok);

    private static async Task<IResult> DeactivateAsync(int id, DkimKeyService service, CancellationToken ct) =>
        ApiResults.From(await service.DeactivateAsync(id, ct), TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(int id, DkimKeyService service, CancellationToken ct) =>
        ApiResults.From(await service.DeleteAsync(id, ct), _ => TypedResults.NoContent());
}
