using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>The app on Kestrel (a real port) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    /// <summary>Kestrel's port, chosen first: the app's PublicUrl (where OAuth providers send the browser back) names it.</summary>
    private readonly int port = AppProcess.FreePort();

    public BrowserFixture() => App = AppFactory.With(new Dictionary<string, string> { ["PublicUrl"] = $"http://127.0.0.1:{port}" });

    public AppFactory App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots land here (artifacts/screenshots at the repository root).</summary>
    public string Screenshots { get; } = Path.Combine(MtaFixture.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing. Install it as root with: bash tests/install.sh (apt-get install chromium)");
        }

        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own background traffic is refused on this closed network; keep it quiet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) that records console errors; on this app unless another is named.</summary>
    public async Task<Session> NewSessionAsync(string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl });
        var page = await context.NewPageAsync();
        return new Session(context, page, Screenshots);
    }
}

public sealed class BrowserMta : MtaFixture
{
    public BrowserMta()
        : base(20000)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>, ICollectionFixture<BrowserMta>
{
    public const string Name = "Browser";
}
