using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MailRouting.IntegrationTests;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

/// <summary>
/// Every page each role can open, on a laptop (1280×800) and a phone (390×844): no console errors, nothing wider than the
/// screen, and no axe violations. All problems of one walk are reported together, page by page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PageWalkTests(BrowserFixture browser)
{
    /// <summary>Each role at both widths in the light scheme; the dark scheme (Pico follows the system's) for two of them.</summary>
    public static TheoryData<string, int, int, bool> Walks => new()
    {
        { Roles.Admin, 1280, 800, false }, { Roles.Admin, 390, 844, false },
        { Roles.Support, 1280, 800, false }, { Roles.Support, 390, 844, false },
        { Roles.Agent, 1280, 800, false }, { Roles.Agent, 390, 844, false },
        { Roles.Admin, 1280, 800, true }, { Roles.Agent, 390, 844, true },
    };

    /// <summary>The README's pictures of the product (docs/screenshots), taken on every walk so they show the current pages.</summary>
    private static readonly HashSet<(string Role, string Page)> Showcase =
    [
        (Roles.Admin, "home"), (Roles.Admin, "servers"), (Roles.Admin, "server-add"), (Roles.Admin, "channels"), (Roles.Admin, "message"),
        (Roles.Agent, "home"), (Roles.Agent, "compose"), (Roles.Support, "home"),
    ];

    private static readonly string Docs = Directory.CreateDirectory(Path.Combine(MtaFixture.RepositoryRoot(), "docs", "screenshots")).FullName;

    /// <summary>
    /// Controls and the links that stand on their own (not a link inside a sentence, which WCAG exempts), visible and under
    /// 44 px either way.
    /// </summary>
    private const string SmallTargets = """
        () => Array.from(document.querySelectorAll(
                'button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), nav a, a.button, ' +
                '.field.checkbox label, .cards td a, td.actions a, .pager a, .actions-list a, ol.checklist a, ul.message-list a'))
            .filter(e => e.checkVisibility())
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([, box]) => box.width < 43.5 || box.height < 43.5)
            .map(([e, box]) => `${e.outerHTML.slice(0, 80)} (${Math.round(box.width)} × ${Math.round(box.height)})`)
        """;

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task EveryPage_FitsTheScreen_WithoutConsoleErrorsOrAxeViolations(string role, int width, int height, bool dark)
    {
        var data = await WalkData.EnsureAsync(browser.App);
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        var walk = $"{role.ToLowerInvariant()}-{width}{(dark ? "-dark" : "")}";
        await session.SignInAsync(WalkData.Email(role), role == Roles.Admin ? AppFactory.AdminPassword : WalkData.Password);

        var problems = new List<string>();
        var counts = new List<string> { "page\taxe violations\twidth (px)" };
        foreach (var (path, name) in data.PagesFor(role))
        {
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok)
            {
                problems.Add($"{path}: answered {response?.Status}");
                continue;
            }

            await session.CheckPageAsync($"walk-{walk}-{name}");
            if (Showcase.Contains((role, name)))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Docs, $"{walk}-{name}.png") });
            }

            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
            {
                problems.Add($"{path}: {scrollWidth} px wide on a {width} px screen");
            }

            if (width < 768)
            {
                problems.AddRange((await page.EvaluateAsync<string[]>(SmallTargets)).Select(target => $"{path}: a target smaller than 44 × 44 px: {target}"));
            }

            // Not inside frames: a message's HTML sits in a sandboxed frame where no script may run, axe's included
            // (Playwright would wait for it forever); it is the sender's content, not the app's page.
            var axe = await page.RunAxe(new AxeRunOptions { Iframes = false });
            counts.Add($"{path}\t{axe.Violations.Length}\t{scrollWidth}");
            problems.AddRange(axe.Violations.Select(v =>
                $"{path}: axe {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        // The per-page figures of the last run, for the record (artifacts/page-walk/).
        Directory.CreateDirectory(Path.Combine(browser.Screenshots, "..", "page-walk"));
        await File.WriteAllLinesAsync(Path.Combine(browser.Screenshots, "..", "page-walk", $"{walk}x{height}.tsv"), counts);
        problems.AddRange(session.ConsoleErrors);
        Assert.True(problems.Count == 0, $"{role} at {width}×{height}{(dark ? ", dark" : "")}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task OnAPhone_TheNavigationFoldsIntoAMenu_ThatMarksTheCurrentSection()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync("/Channels");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Assertions.Expect(navigation).ToBeHiddenAsync();
        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Channels" })).ToHaveAttributeAsync("aria-current", "page");
        await session.CheckPageAsync("phone-menu-open");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "SMTP servers" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMTP servers", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    /// <summary>On a phone each list row is a card: the column headers are hidden, and every cell shows its column's name.</summary>
    [Theory]
    [InlineData("/SmtpServers")]
    [InlineData("/Channels")]
    [InlineData("/Users")]
    [InlineData("/Messages")]
    public async Task OnAPhone_ListRowsBecomeCards_ThatKeepEveryColumn(string path)
    {
        await WalkData.EnsureAsync(browser.App);
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await page.GotoAsync(path);

        var rows = await page.EvaluateAsync<string[][]>("""
            () => {
                const table = document.querySelector('.cards table');
                const columns = Array.from(table.tHead.rows[0].cells, c => c.textContent.trim() || 'Actions');
                return Array.from(table.tBodies[0].rows, row => Array.from(row.cells, cell =>
                    `${getComputedStyle(cell).display}|${getComputedStyle(cell, '::before').content}|${columns[cell.cellIndex]}`));
            }
            """);
        var header = await page.Locator(".cards thead").BoundingBoxAsync();

        Assert.NotEmpty(rows);
        Assert.True(header is null || header.Width <= 1, "the column headers still show");
        Assert.All(rows.SelectMany(row => row), cell =>
        {
            var parts = cell.Split('|');
            Assert.Equal("block", parts[0]);
            Assert.Equal($"\"{parts[2]}\"", parts[1]);
        });
    }
}
