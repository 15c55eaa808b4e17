using MailRouting.Groups;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class GroupEndpoints
{
    public static void MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups").RequireBearer();
        groups.MapGet("/", async (GroupQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.ListAsync(ct)))
            .Only(Policies.ServerReader).Named("ListGroups", "Every group with its members and the channels it was given.")
            .Produces<IReadOnlyList<GroupSummary>>();
        groups.MapGet("/{id:int}", GetAsync).Only(Policies.ServerReader).Named("GetGroup", "One group.")
            .Produces<GroupSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateGroup", "Adds a group.")
            .Produces<GroupSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        groups.MapPut("/{id:int}", RenameAsync).Only(Policies.Admin).Named("RenameGroup", "Renames a group; send the version you read.")
            .Produces<GroupSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        groups.MapDelete("/{id:int}", DeleteAsync).Only(Policies.Admin)
            .Named("DeleteGroup", "Deletes a group; its members lose the channels they had only through it (GET it first to see which).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPut("/{id:int}/members/{user}", AddMemberAsync).Only(Policies.Admin).Named("AddGroupMember", "Adds a user, by id or email.")
            .Produces<GroupSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapDelete("/{id:int}/members/{userId}", RemoveMemberAsync).Only(Policies.Admin).Named("RemoveGroupMember", "Removes a user.")
            .Produces<GroupSummary>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(int id, GroupQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } group ? TypedResults.Ok(group) : ApiResults.NotFound($"Group {id}");

    private static async Task<IResult> CreateAsync(GroupInput input, GroupService service, GroupQueries queries, CancellationToken ct)
    {
        var change = await service.CreateAsync(input, ct);
        return change.Value is { } created
            ? TypedResults.Created($"/api/v1/groups/{created.Id}", await queries.FindAsync(created.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> RenameAsync(int id, GroupInput input, GroupService service, GroupQueries queries, CancellationToken ct) =>
        await Answer(await service.RenameAsync(id, input, ct), queries, ct);

    private static async Task<IResult> DeleteAsync(int id, GroupService service, CancellationToken ct) =>
        ApiResults.From(await service.DeleteAsync(id, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> AddMemberAsync(int id, string user, GroupService service, GroupQueries queries, CancellationToken ct) =>
        await Answer(await service.AddMemberAsync(id, user, ct), queries, ct);

    private static async Task<IResult> RemoveMemberAsync(int id, string userId, GroupService service, GroupQueries queries, CancellationToken ct) =>
        await Answer(await service.RemoveMemberAsync(id, userId, ct), queries, ct);

    private static async Task<IResult> Answer(Change<UserGroup> change, GroupQueries queries, CancellationToken ct) =>
        change.Value is { } group ? TypedResults.Ok(await queries.FindAsync(group.Id, ct)) : ApiResults.From(change, _ => TypedResults.Empty);
}
