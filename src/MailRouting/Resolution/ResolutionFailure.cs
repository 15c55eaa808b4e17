namespace MailRouting.Resolution;

public sealed record ResolutionFailure(string Code, string Message, string Fix, IReadOnlyList<string> Steps);
