using MailRouting.Audit;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit log").RequireBearer();
        audit.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListAuditEntries",
                "Every change to servers, channels, users, groups, OAuth apps, DKIM keys, projects and signatures, "
                + "newest first, 50 a page: who, when, from which address, each field before and after (a secret only "
                + "as set or changed). Filters: actor (part of the email), kind, from and to (days, inclusive).")
            .Produces<PagedList<AuditRecord>>().ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(AuditQueries queries, string? actor, string? kind, DateOnly? from,
        DateOnly? to, int? page, CancellationToken ct)
    {
        if (kind is { Length: > 0 } && !AuditedEntities.Kinds.Contains(kind))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = [$"'{kind}' is not a kind the log records: {string.Join(", ", AuditedEntities.Kinds)}."],
            });
        }

        return TypedResults.Ok(await queries.ListAsync(new AuditFilter(actor, kind, from, to, page ?? 1), ct));
    }
}
