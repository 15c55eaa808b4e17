using MailRouting.Servers;

namespace MailRouting.Web.Api;

public static class SmtpServerEndpoints
{
    public sealed record TestRequest(string? Recipient);

    public static void MapSmtpServerEndpoints(this RouteGroupBuilder api)
    {
        var servers = api.MapGroup("/smtp-servers").WithTags("SMTP servers").RequireAuthorization(Policies.Api);
        servers.MapGet("/", ListAsync).RequireAuthorization(Policies.ServerReader);
        servers.MapGet("/{id:int}", GetAsync).RequireAuthorization(Policies.ServerReader);
        servers.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        servers.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Policies.Admin);
        servers.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(Policies.Admin);
        servers.MapPost("/{id:int}/default", MakeDefaultAsync).RequireAuthorization(Policies.Admin);
        servers.MapPost("/{id:int}/test", TestAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> ListAsync(SmtpServerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    private static async Task<IResult> GetAsync(int id, SmtpServerQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } server ? TypedResults.Ok(server) : ApiResults.NotFound($"SMTP server {id}");

    private static async Task<IResult> CreateAsync(SmtpServerInput input, SmtpServerService service, SmtpServerQueries queries, CancellationToken ct)
    {
        var change = await service.CreateAsync(input, ct);
        return change.Value is { } created
            ? TypedResults.Created($"/api/v1/smtp-servers/{created.Id}", await queries.FindAsync(created.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> UpdateAsync(int id, SmtpServerInput input, SmtpServerService service, SmtpServerQueries queries, CancellationToken ct)
    {
        var change = await service.UpdateAsync(id, input, ct);
        return change.Value is { } updated ? TypedResults.Ok(await queries.FindAsync(updated.Id, ct)) : ApiResults.From(change, _ => TypedResults.Empty);
    }

    /// <summary>?moveToDefault=true first moves the channels and users that chose this server to the default.</summary>
    private static async Task<IResult> DeleteAsync(int id, bool? moveToDefault, SmtpServerService service, CancellationToken ct) =>
        ApiResults.From(await service.DeleteAsync(id, moveToDefault == true, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> MakeDefaultAsync(int id, SmtpServerService service, CancellationToken ct) =>
        ApiResults.From(await service.MakeDefaultAsync(id, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> TestAsync(int id, TestRequest? request, SmtpServerService service, CancellationToken ct)
    {
        if (ApiResults.InvalidRecipient(request?.Recipient) is { } invalid)
        {
            return invalid;
        }

        return await service.TestAsync(id, request?.Recipient?.Trim(), ct) is { } report ? TypedResults.Ok(report) : ApiResults.NotFound($"SMTP server {id}");
    }
}
