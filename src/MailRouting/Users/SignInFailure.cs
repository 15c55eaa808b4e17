namespace MailRouting.Users;

/// <summary>A sign-in to the app (page or API) with a wrong password, from one network address.</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The client's IP address.</summary>
    public required string Address { get; set; }

    public DateTime At { get; set; }
}
