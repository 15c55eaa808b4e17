using System.Net;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Delivery.Api;
using MailRouting.Outbox.Outcomes;
using MailRouting.Outbox.SentCopy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MailRouting.Outbox;

public static class DeliveryServices
{
    /// <summary>The HTTP client, with the retry and pacing handlers, every mail API transport uses.</summary>
    public const string MailApiClient = "mail-api";

    /// <summary>The steps of a delivery pass, one scope (and one DbContext) per pass.</summary>
    public static IServiceCollection AddDeliveryPass(this IServiceCollection services) => services
        .AddScoped<OutboxClaims>()
        .AddScoped<LeaseRenewal>()
        .AddScoped<SessionSlots>()
        .AddScoped<RouteLoader>()
        .AddScoped<MinuteBudgets>()
        .AddScoped<PassPlanner>()
        .AddScoped<LaneSender>()
        .AddScoped<OutcomeRecorder>()
        .AddScoped<SentCopyFolders>()
        .AddScoped<OutcomeWriter>()
        .AddScoped<DeliveryPass>()
        .AddSingleton<LoginPauses>()
        .AddMailApis();

    /// <summary>
    /// The HTTP mail APIs' client: a refusal that only means "wait" (429, 503) is retried after the Retry-After the
    /// service names, a few times; every other answer, a 5xx included, goes back to the outbox, which retries on its
    /// own schedule, so a request the service may have carried out is never sent twice at once. The per-send deadline
    /// bounds it all.
    /// </summary>
    private static IServiceCollection AddMailApis(this IServiceCollection services)
    {
        services.AddSingleton<ThrottlePacing>();
        services.AddTransient<PacingHandler>();
        services.AddSingleton<GraphTransport>();
        services.AddSingleton<GmailTransport>();
        var client = services.AddHttpClient(MailApiClient, http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("mail-api", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                ShouldRetryAfterHeader = true,
                ShouldHandle = attempt => ValueTask.FromResult(
                    attempt.Outcome.Result?.StatusCode
                        is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
            }));
        client.AddHttpMessageHandler<PacingHandler>();
        return services;
    }
}
