using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace MailRouting.Web.Api;

/// <summary>
/// What the API answers when routing finds no operation: 415 when one has this path and method but takes JSON and the
/// request is something else (routing passes it over for its Content-Type), else 404. Never a sign-in challenge.
/// </summary>
public static class UnknownOperation
{
    public static IResult Answer(HttpContext context, EndpointDataSource endpoints)
    {
        var takesJson = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 }
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) == true)
            .Any(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), []).TryMatch(context.Request.Path, []));
        return takesJson
            ? ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"This operation takes a JSON body (Content-Type: application/json), not {context.Request.ContentType ?? "no body"}.")
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "There is no such API operation.");
    }
}
