namespace MailRouting.OAuth;

/// <summary>The provider could not be used; <see cref="Temporary"/> when trying again later may help.</summary>
public sealed class OAuthProviderException(string message, bool temporary) : Exception(message)
{
    public bool Temporary { get; } = temporary;
}
