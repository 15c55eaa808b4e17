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

    /// <summary>The provider ends the connection a fixed time after consent (Google apps in Testing status).</summary>
    ConnectionExpiring,
}
