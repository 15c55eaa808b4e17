using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>One user's browser: the page, the console errors it produced, and screenshot and accessibility checks.</summary>
public sealed class Session : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly string screenshots;
    private readonly List<string> consoleErrors = [];

    public Session(IBrowserContext context, IPage page, string screenshots)
    {
        this.context = context;
        this.screenshots = screenshots;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => consoleErrors;

    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Polls the address: WaitForURLAsync misses a navigation that commits between its first look and its subscription,
        // which happened under load (the page had signed in, the wait still timed out).
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 30_000 });
    }

    /// <summary>Saves a screenshot and fails when a visible input has no label.</summary>
    public async Task CheckPageAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true });
        var unlabeled = await Page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.name || e.id || e.outerHTML)
            """);
        Assert.True(unlabeled.Length == 0, $"{name}: inputs without a label: {string.Join(", ", unlabeled)}");
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
