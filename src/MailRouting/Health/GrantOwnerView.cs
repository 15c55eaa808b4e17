namespace MailRouting.Health;

/// <summary>
/// Whose a connected mailbox is, in words: its name, who acts on it, the page to do it on and the server it sends
/// through.
/// </summary>
public sealed record GrantOwnerView(string Name, string WhoActs, string Link, IReadOnlyList<int> ServerIds);
