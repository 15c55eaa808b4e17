using System.Diagnostics;
using MailRouting.OAuth;

namespace MailRouting.ConnectionTests;

/// <summary>Fetching an access token as a test shows it: the "token" stage, with the expiry and never the token.</summary>
internal static class TokenStage
{
    public static async Task<(AccessTokenResult Token, TestStage Stage)> FetchAsync(AccessTokens tokens, GrantKey grant, string login, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var token = await tokens.GetAsync(grant, login, ct);
        return (token, TestProgress.Finished(new TestStage("token", token.Failure is null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, token.Describe())));
    }
}
