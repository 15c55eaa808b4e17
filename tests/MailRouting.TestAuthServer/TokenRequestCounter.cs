namespace MailRouting.TestAuthServer;

/// <summary>Counts the token endpoint's requests by grant type, as the tests' "one refresh, not one per message" needs.</summary>
public sealed class TokenRequestCounter
{
    private int codeExchanges;
    private int refreshes;

    public int CodeExchanges => Volatile.Read(ref codeExchanges);
    public int Refreshes => Volatile.Read(ref refreshes);

    internal void Count(string? grantType)
    {
        switch (grantType)
        {
            case "authorization_code":
                Interlocked.Increment(ref codeExchanges);
                break;
            case "refresh_token":
                Interlocked.Increment(ref refreshes);
                break;
        }
    }
}
