namespace MailRouting.Resolution;

public static class FailureCodes
{
    public const string MissingPassword = "MissingPassword";
    public const string NotConnected = "NotConnected";
    public const string ChannelInactive = "ChannelInactive";
    public const string NotPermitted = "NotPermitted";
    public const string ServerMissing = "ServerMissing";
    public const string RecipientSuppressed = "RecipientSuppressed";
}
