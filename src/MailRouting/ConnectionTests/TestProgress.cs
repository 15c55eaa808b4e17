namespace MailRouting.ConnectionTests;

/// <summary>
/// Tells whoever listens about each test stage as it finishes, so a page can show a test's progress while it runs.
/// The listener is ambient (like a logging scope) because a test is reached through several services that should not
/// all carry a callback for the one caller that streams.
/// </summary>
public static class TestProgress
{
    private static readonly AsyncLocal<Action<TestStage>?> Listener = new();

    /// <summary>Sends the stages of tests run in this flow to <paramref name="onStage"/> until the result is disposed.</summary>
    public static IDisposable Listen(Action<TestStage> onStage)
    {
        var previous = Listener.Value;
        Listener.Value = onStage;
        return new Scope(() => Listener.Value = previous);
    }

    internal static TestStage Finished(TestStage stage)
    {
        Listener.Value?.Invoke(stage);
        return stage;
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
