using System.Security.Claims;
using MailRouting.Projects;
using MailRouting.Resolution;
using MailRouting.Users;

namespace MailRouting.Web.Api;

public static class ResolveEndpoints
{
    public static void MapResolveEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/resolve", ResolveAsync).WithTags("Resolution").RequireBearer()
            .Named("ResolveSender", "Explains step by step how mail from a channel or a user goes out.")
            .Produces<Explanation>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Explains, step by step, how mail from a channel or a user goes out; with a project or a Reply-To channel, also
    /// whether the caller may send so, naming the rule that refuses. Agents may ask about themselves only.
    /// </summary>
    private static async Task<IResult> ResolveAsync(int? channelId, string? userId, int? projectId,
        int? replyToChannelId, ClaimsPrincipal caller, SenderResolution resolution, SendContexts contexts,
        CancellationToken ct)
    {
        if ((channelId is null) == (userId is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channelId"] = ["Give either channelId or userId."] });
        }

        var mayReadAll = caller.IsInRole(Roles.Admin) || caller.IsInRole(Roles.Support);
        if (!mayReadAll && (channelId is not null || userId != caller.FindFirstValue(ClaimTypes.NameIdentifier)))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Agents may only ask how their own mail goes out.");
        }

        // Support reads mail and never sends it: their explanation checks no right of theirs.
        var actor = caller.IsInRole(Roles.Support) && !caller.IsInRole(Roles.Admin)
            ? null : MessageEndpoints.ActorOf(caller);
        ProjectContext? project = null;
        if (projectId is { } inProject && (project = await contexts.ProjectAsync(inProject, actor, ct)) is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["projectId"] = ["That project does not exist."] });
        }

        ReplyToChannel? replyTo = null;
        if (replyToChannelId is { } replyToId && (replyTo = await contexts.ReplyToAsync(replyToId, ct)) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["replyToChannelId"] = ["That channel does not exist or is inactive."],
            });
        }

        var context = new SendContext(actor, project, replyTo);
        var resolved = channelId is { } id ? await resolution.ForChannelAsync(id, ct, context)
            : await resolution.ForUserAsync(userId!, ct, context);
        return resolved is null ? ApiResults.NotFound(channelId is null ? "That user" : $"Channel {channelId}") : TypedResults.Ok(Explanation.Of(resolved.Resolution));
    }
}

/// <summary>The JSON shape of a resolution: the plan, or the failure, and the steps that led there.</summary>
public sealed record Explanation(bool Ok, Explanation.ServerRef? Server, string? Login, Mailbox? From, string? EnvelopeFrom, string? ReplyTo,
    Explanation.FailureBody? Failure, IReadOnlyList<string> Steps)
{
    public sealed record ServerRef(int Id, string Name, string Host, int Port);

    public sealed record FailureBody(string Code, string Message, string Fix);

    public static Explanation Of(Resolution.Resolution resolution) => resolution.Plan is { } plan
        ? new(true, new ServerRef(plan.Server.Id, plan.Server.Name, plan.Server.Host, plan.Server.Port), plan.Login, plan.From, plan.EnvelopeFrom,
            plan.ReplyTo, null, plan.Steps)
        : new(false, null, null, null, null, null,
            new FailureBody(resolution.Failure!.Code, resolution.Failure.Message, resolution.Failure.Fix), resolution.Failure.Steps);
}
