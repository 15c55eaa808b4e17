namespace MailRouting.Outbox.Intake;

/// <summary>What retrying many failed messages did: how many are queued again, and why the others were not (each reason once).</summary>
public sealed record BulkRetryResult(int Queued, int Refused, IReadOnlyList<string> Reasons)
{
    public string Describe() => (Queued, Refused) switch
    {
        (0, 0) => "There are no failed messages to retry.",
        (_, 0) => $"{Counts.Of(Queued, "failed message is", "failed messages are")} queued again, each resolved with the configuration as it is now.",
        _ => $"{Queued} queued again; {Refused} could not be: {string.Join(" ", Reasons)}",
    };
}
