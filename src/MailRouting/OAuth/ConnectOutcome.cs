namespace MailRouting.OAuth;

/// <summary>How a connection ended, in a sentence for the person who started it, and where to take them back to.</summary>
public sealed record ConnectOutcome(bool Connected, string Message, string ReturnUrl);
