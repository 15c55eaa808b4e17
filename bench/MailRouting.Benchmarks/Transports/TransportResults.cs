using MailRouting.Benchmarks.Pipeline;

namespace MailRouting.Benchmarks.Transports;

/// <summary>The raw results of the transport part: each contender's rate per round, and what Graph was asked.</summary>
/// <param name="GraphRequests">sendMail requests during the measured rounds (one per message unless throttled).</param>
/// <param name="MostAtOnce">The most requests for the mailbox the stand-in answered at once (Graph allows 4).</param>
/// <param name="Throttled">Requests the stand-in answered 429 in the whole run.</param>
public sealed record TransportResults(Results.Measurement Measurement, IReadOnlyList<PipelineBench.Result> Contenders,
    int GraphRequests, int MostAtOnce, int Throttled);
