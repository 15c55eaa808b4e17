using System.Globalization;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Targets;

namespace MailRouting.Benchmarks.OAuth;

/// <summary>
/// The same pipeline (one session, batches of 100) signing in with XOAUTH2 beside signing in with a password,
/// interleaved in one run against the harness Postfix, whose Dovecot introspects every token at the tests' OAuth2
/// authorization server. Both servers open a new session every <see cref="MessagesPerSession"/> messages, and the
/// provider's access tokens expire every <see cref="TokenLifetime"/>, so the XOAUTH2 rounds pay for token refreshes and
/// a sign-in per session as they would over a working day.
/// </summary>
public static class OAuthBench
{
    public const string Password = "MailRouting pipeline, 1 session, password (AUTH PLAIN)";
    public const string Xoauth2 = "MailRouting pipeline, 1 session, XOAUTH2";
    public const int MessagesPerSession = 100;
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromSeconds(3);

    public static async Task<OAuthResults> RunAsync(Results.Measurement measurement, int messages, int rounds,
        int portBase, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase, TokenLifetime);
        await using var app = await AppPipeline.StartAsync(settings: new Dictionary<string, string>
        {
            ["OAuth:RefreshBeforeExpirySeconds"] =
                RefreshBeforeExpiry.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        });
        var runs = new List<(string Name, PipelineRun Run)>();
        PipelineBench.Contender Measure(string name, Sending sending) => new(name, messages, async workload =>
        {
            var run = await app.RunAsync(mta, workload, 1, PipelineBench.Batch, sending);
            runs.Add((name, run));
            return run.Elapsed;
        });

        PipelineBench.Contender[] contenders =
        [
            Measure(Password, new Sending(null, MessagesPerSession)),
            Measure(Xoauth2, new Sending(mta.Authorization, MessagesPerSession)),
        ];
        var tokenRequests = 0;
        var results = await PipelineBench.InterleaveAsync(mta.DrainAsync, contenders, messages, rounds, progress, () =>
        {
            runs.Clear();
            tokenRequests = -TokenRequests(mta);
        });
        tokenRequests += TokenRequests(mta);
        var oauthRuns = runs.Where(r => r.Name == Xoauth2).ToList();
        return new OAuthResults(measurement.Finished(), results, tokenRequests, oauthRuns.Count * messages,
            oauthRuns.Sum(r => r.Run.SmtpSessions), runs.Where(r => r.Name == Password).Sum(r => r.Run.SmtpSessions));
    }

    /// <summary>Requests to the provider's token endpoint so far: code exchanges and refreshes.</summary>
    private static int TokenRequests(HarnessMta mta) =>
        mta.Authorization.TokenRequests.CodeExchanges + mta.Authorization.TokenRequests.Refreshes;
}
