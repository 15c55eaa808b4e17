using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>
/// A test started by live-test.js (Accept: application/x-ndjson) streams its stages as they finish and ends with the page the
/// plain post shows; closing the request cancels the test. Against Postfix, and a server that accepts and never greets.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class LiveTestProgressTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private static Dictionary<string, string> Form(int port, string password, int timeoutSeconds, string pin) => new()
    {
        ["Input.Name"] = "Live relay", ["Input.Host"] = MtaFixture.Host, ["Input.Port"] = $"{port}", ["Input.Security"] = "StartTls",
        ["Input.AuthMethod"] = "Plain", ["Input.Username"] = MtaFixture.Relay.Login, ["Input.Password"] = password,
        ["Input.PinnedCertificateSha256"] = pin, ["Input.TimeoutSeconds"] = $"{timeoutSeconds}", ["SendAsText"] = "", ["TestRecipient"] = "",
    };

    private async Task<HttpResponseMessage> StartAsync(Dictionary<string, string> form)
    {
        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync("/SmtpServers/Edit");
        form["__RequestVerificationToken"] = WebUtility.HtmlDecode(FormPosting.AntiforgeryTokenOf(page));
        var request = new HttpRequestMessage(HttpMethod.Post, "/SmtpServers/Edit?handler=Test") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        return await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task TheStagesArriveInOrder_ThenThePageWithTheResult()
    {
        using var response = await StartAsync(Form(mta.SubmissionPort, MtaFixture.Relay.Password, 10, mta.CertificateSha256));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(["dns", "connect", "tls", "ehlo", "auth"], lines.SkipLast(1).Select(l => (string)l["stage"]!["name"]!));
        Assert.All(lines.SkipLast(1), l => Assert.True((bool)l["stage"]!["ok"]!));
        var page = WebUtility.HtmlDecode((string)lines[^1]["page"]!);
        Assert.Contains("Test result: <span class=\"ok\">Success</span>", page);
        Assert.Contains("value=\"Live relay\"", page);
        Assert.DoesNotContain(MtaFixture.Relay.Password, string.Join('\n', lines.Select(l => l.ToJsonString())));
    }

    [Fact]
    public async Task AStageArrivesWhileTheTestIsStillRunning()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        using var response = await StartAsync(Form(((IPEndPoint)silent.LocalEndpoint).Port, "any", 60, ""));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = JsonNode.Parse((await reader.ReadLineAsync(deadline.Token))!)!;
        var second = JsonNode.Parse((await reader.ReadLineAsync(deadline.Token))!)!;
        using var connection = await accepted.WaitAsync(deadline.Token);

        // The server has not greeted and the test's limit is 60 s: the stages came while the test was still waiting.
        Assert.Equal("dns", (string)first["stage"]!["name"]!);
        Assert.Equal("connect", (string)second["stage"]!["name"]!);
        Assert.True(connection.Connected);
    }

    [Fact]
    public async Task WithoutTheStreamHeader_TheSameHandlerAnswersThePlainPost()
    {
        var browser = await app.BrowserAsync();
        var answer = await browser.PostFormAsync("/SmtpServers/Edit?handler=Test", Form(mta.SubmissionPort, "wrong-password", 10, mta.CertificateSha256), "/SmtpServers/Edit");

        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("AuthFailed", await answer.Content.ReadAsStringAsync());
    }
}
