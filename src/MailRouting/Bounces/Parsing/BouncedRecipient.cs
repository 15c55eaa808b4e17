namespace MailRouting.Bounces.Parsing;

/// <param name="Status">The enhanced status code (RFC 3463), such as 5.1.1; inferred from the text when none is
/// given.</param>
/// <param name="Reply">What the receiving server answered ("550 5.1.1 ... User unknown"), when the bounce says.</param>
/// <param name="ReportedBy">The server that refused it (Remote-MTA), or else the one that wrote the bounce.</param>
public sealed record BouncedRecipient(string Address, BounceKind Kind, string Status, string? Reply,
    string? ReportedBy);
