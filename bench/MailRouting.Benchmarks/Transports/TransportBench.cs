using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Targets;
using MailRouting.TestMailApis;

namespace MailRouting.Benchmarks.Transports;

/// <summary>
/// The Graph path against SMTP on the same machine: the pipeline (batches of 100) sending as one channel with
/// <see cref="Lanes"/> at once, through the tests' Microsoft Graph stand-in (sendMail with base64 MIME and the app's
/// own token) and through an SMTP sink (STARTTLS + AUTH PLAIN), interleaved in one run. Both accept and throw the mail
/// away, so neither Postfix nor the network is what is measured; the stand-in decodes and parses each message, as
/// Graph must, while the sink only reads it.
/// </summary>
public static class TransportBench
{
    public const int Lanes = 4;
    public const string Smtp = "MailRouting pipeline, SMTP, 4 sessions (sink)";
    public const string Graph = "MailRouting pipeline, Microsoft Graph, 4 lanes (stand-in)";

    public static async Task<TransportResults> RunAsync(Results.Measurement measurement, int messages, int rounds,
        int portBase, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase);
        await using var sink = DiscardSink.Start();
        await using var graph = await GraphStandIn.StartAsync(Options(mta));
        await using var app = await AppPipeline.StartAsync();
        var graphChannel = await app.GraphChannelAsync(graph.BaseAddress, mta.Authorization, Lanes);
        var requests = 0;
        PipelineBench.Contender[] contenders =
        [
            new(Smtp, messages, async workload =>
            {
                var run = await app.RunAsync(sink, workload, Lanes, PipelineBench.Batch);
                await sink.DrainAsync(workload.Count);
                return run.Elapsed;
            }),
            new(Graph, messages, async workload =>
                (await app.RunAsync(graphChannel, () => graph.Calls.Count, workload, PipelineBench.Batch)).Elapsed),
        ];
        var results = await PipelineBench.InterleaveAsync(_ => Task.CompletedTask, contenders, messages, rounds,
            progress, () => requests = -graph.Calls.Count);
        requests += graph.Calls.Count;
        return new TransportResults(measurement.Finished(), results, requests,
            graph.MostAtOnce(AppPipeline.GraphMailbox), graph.Calls.Count(c => c.Status == 429));
    }

    /// <summary>The stand-in as a sink: tokens checked once each at the harness provider, nothing handed on.</summary>
    private static MailApiOptions Options(HarnessMta mta) => new()
    {
        Introspection = new Uri(mta.Authorization.Issuer, "connect/introspect"),
        IntrospectionClientId = TestAuthServer.TestAuthorizationServer.IntrospectionClientId,
        IntrospectionClientSecret = TestAuthServer.TestAuthorizationServer.IntrospectionClientSecret,
        AppClientId = TestAuthServer.TestAuthorizationServer.ClientId,
        SubmissionHost = mta.Host,
        SubmissionPort = mta.SubmissionPort,
        SubmissionCertificateSha256 = mta.CertificateSha256,
        Mailboxes = new Dictionary<string, string>(),
        Relay = (HarnessMta.Login, HarnessMta.Password),
        HandOff = false,
        CacheTokens = true,
    };
}
