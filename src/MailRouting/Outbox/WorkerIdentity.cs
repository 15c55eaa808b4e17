namespace MailRouting.Outbox;

/// <summary>This app instance, as its delivery attempts and leases name it.</summary>
public sealed record WorkerIdentity(string Name)
{
    public static WorkerIdentity ForThisInstance() => new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}
