using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.OAuth;

/// <summary>
/// A test class with an app of its own per test and the OAuth2 scenario against the real MTA, the test authorization
/// server and the mail API stand-ins.
/// </summary>
public abstract class OAuthAppTests(MtaFixture mta) : IAsyncLifetime
{
    protected AppFactory App { get; } = new();

    protected MtaFixture Mta => mta;

    protected OAuthScenario OAuth { get; private set; } = null!;

    /// <summary>The admin's API client.</summary>
    protected HttpClient Api => OAuth.Admin;

    public virtual async Task InitializeAsync()
    {
        await App.InitializeAsync();
        OAuth = await OAuthScenario.StartAsync(App, mta);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}
