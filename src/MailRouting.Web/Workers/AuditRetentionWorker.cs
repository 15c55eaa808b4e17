using MailRouting.Audit;

namespace MailRouting.Web.Workers;

/// <summary>Applies the audit log's retention at start and once a day after.</summary>
public sealed class AuditRetentionWorker(IServiceScopeFactory scopes, TimeProvider time,
    ILogger<AuditRetentionWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await RemoveOldAsync(stoppingToken);
                await Task.Delay(Every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RemoveOldAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var retention = scope.ServiceProvider.GetRequiredService<AuditRetention>();
            var removed = await retention.RemoveOldAsync(stoppingToken);
            if (removed > 0)
            {
                logger.LogInformation("Removed {Count} audit entries older than the retention", removed);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Applying the audit retention failed; it is tried again in a day");
        }
    }
}
