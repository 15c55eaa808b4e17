using MailRouting.Benchmarks.Pipeline;

namespace MailRouting.Benchmarks.OAuth;

/// <summary>
/// The same pipeline (one session, batches of 100) signing in with XOAUTH2 beside signing in with a password, interleaved in one
/// run against the harness Postfix, whose Dovecot introspects every token at the tests' OAuth2 authorization server.
/// </summary>
public static class OAuthBench
{
    public const string Password = "MailRouting pipeline, 1 session, password (AUTH PLAIN)";
    public const string Xoauth2 = "MailRouting pipeline, 1 session, XOAUTH2";

    public static async Task<OAuthResults> RunAsync(Results.Measurement measurement, int messages, int rounds, int portBase, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase);
        await using var app = await AppPipeline.StartAsync();
        var oauthRuns = new List<PipelineRun>();
        async Task<TimeSpan> Xoauth2Async(HarnessMta server, Workload workload)
        {
            var run = await app.RunAsync(server, workload, 1, PipelineBench.Batch, oauth: true);
            oauthRuns.Add(run);
            return run.Elapsed;
        }

        PipelineBench.Contender[] contenders =
        [
            new(Password, messages, async (m, w) => (await app.RunAsync(m, w, 1, PipelineBench.Batch)).Elapsed),
            new(Xoauth2, messages, Xoauth2Async),
        ];
        var tokenRequests = 0;
        var results = await PipelineBench.InterleaveAsync(mta, contenders, messages, rounds, progress, afterWarmUp: () =>
        {
            oauthRuns.Clear();
            tokenRequests = -TokenRequests(mta);
        });
        tokenRequests += TokenRequests(mta);
        return new OAuthResults(measurement.Finished(), results, tokenRequests, oauthRuns.Count * messages, oauthRuns.Sum(r => r.SmtpSessions));
    }

    /// <summary>Requests to the provider's token endpoint so far: code exchanges and refreshes.</summary>
    private static int TokenRequests(HarnessMta mta) => mta.Authorization.TokenRequests.CodeExchanges + mta.Authorization.TokenRequests.Refreshes;
}
