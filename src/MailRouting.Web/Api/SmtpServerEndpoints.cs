using MailRouting.ConnectionTests;
using MailRouting.Servers;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class SmtpServerEndpoints
{
    public sealed record TestRequest(string? Recipient);

    public static void MapSmtpServerEndpoints(this RouteGroupBuilder api)
    {
        var servers = api.MapGroup("/smtp-servers").WithTags("SMTP servers").RequireBearer();
        servers.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListSmtpServers", "Every SMTP server, the default first, with how many channels and users use it.")
            .Produces<IReadOnlyList<SmtpServerSummary>>();
        servers.MapGet("/{id:int}", GetAsync).Only(Policies.ServerReader).Named("GetSmtpServer", "One SMTP server.")
            .Produces<SmtpServerSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        servers.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateSmtpServer", "Adds an SMTP server.")
            .Produces<SmtpServerSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        servers.MapPut("/{id:int}", UpdateAsync).Only(Policies.Admin).Named("UpdateSmtpServer", "Changes an SMTP server; send the version you read.")
            .Produces<SmtpServerSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        servers.MapDelete("/{id:int}", DeleteAsync).Only(Policies.Admin).Named("DeleteSmtpServer", "Deletes an SMTP server (moveToDefault=true moves its users first).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        servers.MapPost("/{id:int}/default", MakeDefaultAsync).Only(Policies.Admin).Named("MakeSmtpServerDefault", "Makes a server the default.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        servers.MapPost("/{id:int}/test", TestAsync).Only(Policies.Admin).Named("TestSmtpServer", "Tests a server stage by stage, optionally sending to a recipient.")
            .Produces<ConnectionTestReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
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
