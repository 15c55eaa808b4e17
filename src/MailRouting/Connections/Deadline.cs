namespace MailRouting.Connections;

/// <summary>
/// An overall time limit for one network step (open a session, send a message, copy to Sent). A per-read time-out alone
/// never ends a conversation with a server that answers one byte at a time; this does.
/// </summary>
public static class Deadline
{
    /// <param name="what">The step, as the time-out's message names it ("Opening the session with smtp.acme.test:587").</param>
    /// <exception cref="TimeoutException">The step did not finish within <paramref name="limit"/>.</exception>
    public static async Task<T> RunAsync<T>(TimeSpan limit, string what, Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            return await step(timeout.Token);
        }
        catch (Exception exception) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Cancelled mid-read, MailKit may throw its own exception rather than OperationCanceledException.
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} seconds.", exception);
        }
    }

    public static Task RunAsync(TimeSpan limit, string what, Func<CancellationToken, Task> step, CancellationToken ct) =>
        RunAsync(limit, what, async token =>
        {
            await step(token);
            return true;
        }, ct);
}
