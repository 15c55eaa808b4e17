namespace MailRouting.Resolution;

public enum SenderKind
{
    Channel,
    User,
}
