using MailRouting.Projects;
using MailRouting.Signatures;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects").RequireBearer();
        projects.MapGet("/", async (ProjectQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.ListAsync(ct)))
            .Only(Policies.ServerReader).Named("ListProjects", "Every project with its defaults, members and the channels limited to it.")
            .Produces<IReadOnlyList<ProjectSummary>>();
        projects.MapGet("/{id:int}", async (int id, ProjectQueries queries, CancellationToken ct) =>
                await queries.FindAsync(id, ct) is { } project ? TypedResults.Ok(project) : ApiResults.NotFound($"Project {id}"))
            .Only(Policies.ServerReader).Named("GetProject", "One project.").Produces<ProjectSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateProject", "Adds a project (brand); members by email and group id.")
            .Produces<ProjectSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        projects.MapPut("/{id:int}", async (int id, ProjectInput input, ProjectService service, ProjectQueries queries, CancellationToken ct) =>
                await AnswerAsync(await service.UpdateAsync(id, input, ct), queries, ct))
            .Only(Policies.Admin).Named("UpdateProject", "Changes a project; send the version you read.")
            .Produces<ProjectSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapDelete("/{id:int}", async (int id, ProjectService service, CancellationToken ct) =>
                ApiResults.From(await service.DeleteAsync(id, ct), _ => TypedResults.NoContent()))
            .Only(Policies.Admin).Named("DeleteProject", "Deletes a project; channels limited to it alone become available in every project.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapGet("/{id:int}/signature", async (int id, SignatureService signatures, CancellationToken ct) =>
                TypedResults.Ok(await signatures.GetAsync(SignatureScope.Project, id, ct)))
            .Only(Policies.ServerReader).Named("GetProjectSignature", "The project's signature (used when the channel has none of its own).")
            .Produces<SignatureView>();
        projects.MapPut("/{id:int}/signature", async (int id, SignatureInput input, SignatureService signatures, CancellationToken ct) =>
                ApiResults.From(await signatures.SaveAsync(SignatureScope.Project, id, input, ct), view => TypedResults.Ok(view)))
            .Only(Policies.Admin).Named("SetProjectSignature", "Sets the project's signature; both parts empty removes it.")
            .Produces<SignatureView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(ProjectInput input, ProjectService service, ProjectQueries queries, CancellationToken ct)
    {
        var change = await service.CreateAsync(input, ct);
        return change.Value is { } created
            ? TypedResults.Created($"/api/v1/projects/{created.Id}", await queries.FindAsync(created.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> AnswerAsync(Change<Project> change, ProjectQueries queries, CancellationToken ct) =>
        change.Value is { } project ? TypedResults.Ok(await queries.FindAsync(project.Id, ct)) : ApiResults.From(change, _ => TypedResults.Empty);
}
