using System.Net.ServerSentEvents;
using MailRouting.Health;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

public static class CredentialHealthEndpoints
{
    public static void MapCredentialHealthEndpoints(this RouteGroupBuilder api)
    {
        var health = api.MapGroup("/credential-health").WithTags("Credential health").RequireBearer();
        health.MapGet("/", ListAsync).Only(Policies.ServerReader).Named("ListCredentialWarnings",
                "Credentials that will stop mail soon or have: secrets near expiry, idle or failed connections, "
                + "refused sign-ins, mailboxes that keep being limited; each with who must act and how.")
            .Produces<IReadOnlyList<CredentialWarning>>();
        health.MapGet("/events", Events).Only(Policies.ServerReader).Named("WatchCredentialWarnings",
                "Server-sent events: Watching at once, every current warning as Raised, then, checked every "
                + "everySeconds (60; 1-3600), each warning that appears as Raised and each that goes away as Cleared.")
            .Produces<CredentialWarningEvent>(contentType: "text/event-stream").ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(CredentialHealth health, CancellationToken ct) =>
        TypedResults.Ok(await health.WarningsAsync(ct));

    private static IResult Events(CredentialWarningWatch watch, int? everySeconds, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(everySeconds ?? 60);
        if (interval < CredentialWarningWatch.ShortestInterval || interval > CredentialWarningWatch.LongestInterval)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["everySeconds"] = ["Check every 1 to 3600 seconds."],
            });
        }

        return TypedResults.ServerSentEvents(Items(watch.WatchAsync(interval, ct)));
    }

    private static async IAsyncEnumerable<SseItem<CredentialWarningEvent>> Items(
        IAsyncEnumerable<CredentialWarningEvent> events)
    {
        await foreach (var warning in events)
        {
            yield return new SseItem<CredentialWarningEvent>(warning, warning.Kind) { EventId = warning.Key };
        }
    }
}
