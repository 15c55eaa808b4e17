namespace MailRouting.Health;

/// <summary>What is wrong with a credential, as warnings and the API name it.</summary>
public enum CredentialProblem
{
    SecretExpiring,
    SecretExpired,
    ConnectionIdle,
    RefreshFailed,
    SignInRefused,
    Throttled,
}
