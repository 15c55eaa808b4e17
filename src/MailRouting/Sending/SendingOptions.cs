using Microsoft.Extensions.Configuration;

namespace MailRouting.Sending;

/// <summary>This app instance, as its delivery attempts and leases name it.</summary>
public sealed record WorkerIdentity(string Name)
{
    public static WorkerIdentity ForThisInstance() => new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}

/// <summary>Mail:MaxMessageBytes and the Delivery:* settings of the worker.</summary>
public sealed record SendingOptions(long MaxMessageBytes, TimeSpan PollInterval, int BatchSize, TimeSpan Lease, TimeSpan RetryBase, TimeSpan MaxAge,
    TimeSpan IdleSession, long BatchBytes, TimeSpan SaveInterval)
{
    public static SendingOptions From(IConfiguration configuration) => new(
        configuration.GetValue<long?>("Mail:MaxMessageBytes") ?? 25L * 1024 * 1024,
        TimeSpan.FromMilliseconds(configuration.GetValue<int?>("Delivery:PollMilliseconds") ?? 1000),
        configuration.GetValue<int?>("Delivery:BatchSize") ?? 100,
        TimeSpan.FromSeconds(configuration.GetValue<int?>("Delivery:LeaseSeconds") ?? 120),
        TimeSpan.FromSeconds(configuration.GetValue<double?>("Delivery:RetryBaseSeconds") ?? 30),
        TimeSpan.FromHours(configuration.GetValue<double?>("Delivery:MaxAgeHours") ?? 24),
        TimeSpan.FromSeconds(configuration.GetValue<int?>("Delivery:IdleSessionSeconds") ?? 30),
        (configuration.GetValue<long?>("Delivery:BatchMegabytes") ?? 64) * 1024 * 1024,
        TimeSpan.FromMilliseconds(configuration.GetValue<int?>("Delivery:SaveIntervalMilliseconds") ?? 10));
}
