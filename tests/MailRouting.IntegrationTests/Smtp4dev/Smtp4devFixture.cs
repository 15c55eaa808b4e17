using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Smtp4dev;

/// <summary>
/// A real smtp4dev, started once for the collection exactly as docs/operations.md tells a developer to (tools/smtp4dev.sh), on free
/// loopback ports; the tests read what it received through its API. When it cannot start, its tests fail with the reason.
/// </summary>
public sealed class Smtp4devFixture : IAsyncLifetime
{
    private Process? process;
    private ProcessOutput? output;

    public const string Host = "127.0.0.1";

    /// <summary>smtp4dev's SMTP port; its IMAP and POP3 servers listen on the two after it.</summary>
    public int SmtpPort { get; } = AppProcess.FreePorts(3);

    public int WebPort { get; } = AppProcess.FreePort();

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = MtaFixture.RepositoryRoot() };
        start.ArgumentList.Add("tools/smtp4dev.sh");
        start.ArgumentList.Add(SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        process = Process.Start(start)!;
        output = ProcessOutput.Of(process);
        Api = new HttpClient { BaseAddress = new Uri($"http://{Host}:{WebPort}") };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"smtp4dev did not start (tools/smtp4dev.sh; needs `dotnet tool restore` to reach NuGet once): {output}");
            }

            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }

    /// <summary>Waits for the message to this recipient and returns smtp4dev's view of it (headers, parts).</summary>
    public async Task<JsonObject> MessageToAsync(string recipient)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var list = (await Api.GetFromJsonAsync<JsonObject>("/api/messages?pageSize=500"))!;
            if (list["results"]!.AsArray().FirstOrDefault(m => m!["to"]!.AsArray().Any(to => (string?)to == recipient)) is { } found)
            {
                return (await Api.GetFromJsonAsync<JsonObject>($"/api/messages/{found["id"]}"))!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"smtp4dev received no message for {recipient} within 30 s.");
            await Task.Delay(200);
        }
    }

    public async Task<string> PlainTextAsync(JsonObject message) => await Api.GetStringAsync($"/api/messages/{message["id"]}/plaintext");

    public static string? Header(JsonObject message, string name) =>
        message["headers"]!.AsArray().Where(h => string.Equals((string?)h!["name"], name, StringComparison.OrdinalIgnoreCase)).Select(h => (string?)h!["value"]).FirstOrDefault();

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await Api.GetAsync("/api/messages")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class Smtp4devGroup : ICollectionFixture<Smtp4devFixture>
{
    public const string Name = "smtp4dev";
}
