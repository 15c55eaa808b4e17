using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

/// <summary>How endpoints declare who may call them and what they answer, so the OpenAPI document says it and clients can rely on it.</summary>
internal static class Answers
{
    /// <summary>Bearer tokens only: 401 without a valid one.</summary>
    public static TBuilder RequireBearer<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(Policies.Api).ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Only the roles of <paramref name="policy"/>: 403 for the others.</summary>
    public static RouteHandlerBuilder Only(this RouteHandlerBuilder endpoint, string policy) =>
        endpoint.RequireAuthorization(policy).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The operation's id (what a generated client calls the method) and its one-line summary.</summary>
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder endpoint, string operationId, string summary) =>
        endpoint.WithName(operationId).WithSummary(summary);

    /// <summary>422 when the sender cannot send: the resolver's code, fix and steps.</summary>
    public static RouteHandlerBuilder RefusesToSend(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<SendFailureProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json");
}
