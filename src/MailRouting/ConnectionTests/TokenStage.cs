using System.Diagnostics;
using MailRouting.OAuth;

namespace MailRouting.ConnectionTests;

/// <summary>Fetching an access token as a test shows it: the "token" stage, with the expiry and never the token.</summary>
internal static class TokenStage
{
    public static async Task<(AccessTokenResult Token,
        TestStage Stage)> MeasureAsync(Func<Task<AccessTokenResult>> fetch)
    {
        var started = Stopwatch.GetTimestamp();
        var token = await fetch();
        return (token, TestProgress.Finished(new TestStage("token", token.Failure is null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, token.Describe())));
    }
}
