using System.Runtime.CompilerServices;

namespace MailRouting.Health;

/// <summary>
/// Credential warnings as events, for monitoring that should not poll the list: after Watching, every warning there is
/// when watching starts is Raised, then at each interval a warning that appeared is Raised and one that went away is
/// Cleared. A warning is known by its problem and the page where it is fixed, so one whose wording moves on (the days
/// left) stays one event.
/// </summary>
public sealed class CredentialWarningWatch(CredentialHealth health, TimeProvider time)
{
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestInterval = TimeSpan.FromHours(1);

    /// <summary>Ends when <paramref name="ct"/> is cancelled (the client went away).</summary>
    public async IAsyncEnumerable<CredentialWarningEvent> WatchAsync(TimeSpan interval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var known = new Dictionary<string, CredentialWarning>();
        yield return new CredentialWarningEvent(CredentialWarningEvent.Watching, "", null,
            time.GetUtcNow().UtcDateTime);
        do
        {
            var now = time.GetUtcNow().UtcDateTime;
            var current = (await health.WarningsAsync(ct)).DistinctBy(KeyOf).ToDictionary(KeyOf);
            foreach (var (key, warning) in current.Where(w => !known.ContainsKey(w.Key)))
            {
                yield return new CredentialWarningEvent(CredentialWarningEvent.Raised, key, warning, now);
            }

            foreach (var (key, warning) in known.Where(w => !current.ContainsKey(w.Key)))
            {
                yield return new CredentialWarningEvent(CredentialWarningEvent.Cleared, key, warning, now);
            }

            known = current;
        }
        while (await WaitedAsync(interval, ct));
    }

    public static string KeyOf(CredentialWarning warning) => $"{warning.Problem}:{warning.Link}";

    /// <returns>False once the client went away.</returns>
    private async Task<bool> WaitedAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await Task.Delay(interval, time, ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
