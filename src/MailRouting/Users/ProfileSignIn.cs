namespace MailRouting.Users;

/// <summary>
/// One sign-in a user had the app make at a mail server from their Profile (a password tried before saving, a test):
/// counted to limit guessing, and kept for a day so admins see repeated refusals.
/// </summary>
public sealed class ProfileSignIn
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The protocol, server and login it signed in as, such as "smtp smtp.acme.test:587 jane@acme.test".</summary>
    public required string Target { get; set; }

    public DateTime At { get; set; }

    /// <summary>False when the server refused the login or password.</summary>
    public bool Succeeded { get; set; }
}
