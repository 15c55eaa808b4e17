using MailRouting.Connections;
using MailRouting.Diagnostics;

namespace MailRouting.ConnectionTests;

public sealed record TestStage(string Name, bool Ok, long DurationMs, string Detail);

public sealed record ConnectionTestReport(
    bool Success,
    IReadOnlyList<TestStage> Stages,
    string Transcript,
    Diagnostic? Diagnostic,
    long? MaxMessageSize,
    CertificateCheck.Seen? Certificate,
    string? QueueId,
    IReadOnlyList<string>? AuthMechanisms = null)
{
    /// <summary>The fingerprint of the certificate the server showed, the value to pin when it is not trusted.</summary>
    public string? CertificateSha256 => Certificate?.Sha256;

    /// <summary>The server refused the sign-in itself (not the connection before it): the login or password is wrong.</summary>
    public bool SignInRefused => !Success && Stages.Count > 0 && Stages[^1] is { Name: "auth", Ok: false };

    public string Summary => Success
        ? $"Succeeded in {Stages.Sum(s => s.DurationMs)} ms" + (QueueId is null ? "" : $", queued as {QueueId}")
        : Diagnostic?.Message ?? "Failed";

    /// <summary>
    /// The report for a mailbox a user typed in: outcomes and diagnostics, but no transcript and no words of the other side,
    /// so the test cannot be used to read another service's banner.
    /// </summary>
    public ConnectionTestReport WithoutServerText()
    {
        var diagnostic = Diagnostic is { Code: DiagnosticCode.Unknown }
            ? new Diagnostic(DiagnosticCode.Unknown, "The mailbox test failed.", "Check the host, port and security settings of your mailbox.")
            : Diagnostic;
        return this with
        {
            Transcript = "",
            Diagnostic = diagnostic,
            Stages = [.. Stages.Select(s => s.Ok ? s : s with { Detail = diagnostic?.Message ?? "Failed." })],
        };
    }
}

/// <summary>What a test message is sent as: the same envelope sender and From a real send would use.</summary>
public sealed record TestMessage(string Recipient, string EnvelopeFrom, string FromName, string FromAddress, string? ReplyTo, string Description);
