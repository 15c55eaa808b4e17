namespace MailRouting.Resolution;

public enum CredentialSource
{
    Server,
    Sender,
}
