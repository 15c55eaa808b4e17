using MailRouting.Diagnostics;

namespace MailRouting.Delivery;

public sealed record TestStage(string Name, bool Ok, long DurationMs, string Detail);

public sealed record ConnectionTestReport(
    bool Success,
    IReadOnlyList<TestStage> Stages,
    string Transcript,
    Diagnostic? Diagnostic,
    long? MaxMessageSize,
    string? CertificateSha256,
    string? QueueId)
{
    public string Summary => Success
        ? $"Succeeded in {Stages.Sum(s => s.DurationMs)} ms" + (QueueId is null ? "" : $", queued as {QueueId}")
        : Diagnostic?.Message ?? "Failed";
}

/// <summary>What a test message is sent as: the same envelope sender and From a real send would use.</summary>
public sealed record TestMessage(string Recipient, string EnvelopeFrom, string FromName, string FromAddress, string? ReplyTo, string Description);
