namespace MailRouting.Resolution;

/// <summary>The person sending: admins may send as anyone, others as themselves
/// and as the channels their rights allow.</summary>
/// <param name="ReadsAll">Sees every message (admins and Support), not only their own.</param>
/// <param name="Name">How explanations name them.</param>
public sealed record Actor(string UserId, bool IsAdmin, bool ReadsAll = false, string Name = "You");
