namespace MailRouting.Web.Account;

public static class SignInMessages
{
    /// <summary>The one answer to every failed sign-in, so it cannot tell which accounts exist or are locked.</summary>
    public const string Failed =
        "The email or password is not correct, or sign-ins from this network address wait 15 minutes after 5 wrong passwords. If it keeps failing, ask an admin.";
}
