using MailRouting.Resolution;

namespace MailRouting.ConnectionTests;

public sealed record SenderTestResult(ResolutionFailure? Failure, ConnectionTestReport? Report, SendPlan? Plan);
