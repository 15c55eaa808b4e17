using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Outcomes;
using MailRouting.Outbox.SentCopy;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Outbox;

public static class DeliveryServices
{
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
        .AddScoped<DeliveryPass>();
}
