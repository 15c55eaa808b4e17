using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MailRouting.Web.Api;

/// <summary>
/// What the OpenAPI document says beyond each endpoint's own answers (see <see cref="Answers"/>): the bearer scheme, which
/// operations need it (every one that is not anonymous), and passwords marked write-only.
/// </summary>
internal static class OpenApiConventions
{
    public const string BearerScheme = "Bearer";

    private static readonly HashSet<string> WriteOnlyProperties = new(StringComparer.OrdinalIgnoreCase) { "password" };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/v1/auth/login (or /refresh).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, _, _) =>
        {
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (WriteOnlyProperties.Contains(name) && property is OpenApiSchema writable)
                {
                    writable.WriteOnly = true;
                }
            }

            return Task.CompletedTask;
        });
    }
}
