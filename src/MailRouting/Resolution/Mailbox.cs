namespace MailRouting.Resolution;

public sealed record Mailbox(string Name, string Address);
