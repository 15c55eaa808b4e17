using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Detection;

/// <summary>
/// "Detect from an email address" against real parts: an autoconfig file served over HTTP, the test DNS server's MX and
/// SRV records, and a listening port; each says which source answered. Loopback is allowed only by configuration.
/// </summary>
public sealed class DetectionTests : IAsyncLifetime
{
    private const string File = """
        <?xml version="1.0"?>
        <clientConfig version="1.1">
          <emailProvider id="auto.test">
            <incomingServer type="imap">
              <hostname>imap.auto.test</hostname><port>993</port><socketType>SSL</socketType>
            </incomingServer>
            <outgoingServer type="smtp">
              <hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL</socketType>
              <authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username>
            </outgoingServer>
          </emailProvider>
        </clientConfig>
        """;

    private readonly TcpListener smtp = AutoconfigHost.ListeningPort();
    private AutoconfigHost autoconfig = null!;
    private AppFactory app = null!;

    private int SmtpPort => ((IPEndPoint)smtp.LocalEndpoint).Port;

    private string AutoconfigUrl =>
        $"http://autoconfig.{{domain}}:{autoconfig.Port}/mail/config-v1.1.xml?emailaddress={{email}}";

    public async Task InitializeAsync()
    {
        autoconfig = await AutoconfigHost.StartAsync(File);
        app = AppFactory.With(new Dictionary<string, string>
        {
            ["Detection:AutoconfigUrls:0"] = AutoconfigUrl,
            ["Detection:ProbePorts"] = $"{SmtpPort}/StartTls",
            ["Detection:AllowedNetworks"] = "127.0.0.0/8",
        });
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await autoconfig.DisposeAsync();
        smtp.Dispose();
    }

    [Theory]
    [InlineData("agent@auto.test", "Thunderbird autoconfig at http://autoconfig.auto.test:", "smtp.auto.test", 465,
        "SslOnConnect", null)]
    [InlineData("agent@mxgoogle.test", "MX records (aspmx.l.google.com): Google Workspace / Gmail", "smtp.gmail.com",
        587, "StartTls",
        "google")]
    [InlineData("agent@srv.test", "SRV record _submission._tcp.srv.test", "mail.srv.test", 2587, "StartTls", null)]
    public async Task Detect_EachSource_FillsTheServer_AndSaysWhichAnswered(string email, string source, string host,
        int port,
        string security, string? preset)
    {
        var api = await app.ApiClientAsync();

        var found = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/server-presets/detect?email={email}"))!;

        Assert.StartsWith(source, (string?)found["source"]);
        Assert.Equal((host, port, security), ((string?)found["server"]!["host"], (int)found["server"]!["port"]!,
            (string?)found["server"]!["security"]));
        Assert.Equal(email, (string?)found["server"]!["username"]);
        Assert.Equal(preset, (string?)found["presetId"]);
    }

    [Fact]
    public async Task Detect_NothingButAPort_ProbesIt_AndTheAutoconfigHostWasAskedForTheAddress()
    {
        var api = await app.ApiClientAsync();

        var found = (await api.GetFromJsonAsync<JsonObject>("/api/v1/server-presets/detect?email=agent@probe.test"))!;
        await api.GetAsync("/api/v1/server-presets/detect?email=agent@auto.test");

        Assert.Equal($"port probe: smtp.probe.test:{SmtpPort} answered", (string?)found["source"]);
        Assert.Contains("agent@auto.test", autoconfig.AskedFor);
    }

    [Fact]
    public async Task Detect_LoopbackWithoutItsNetworkAllowed_IsNeverConnectedTo()
    {
        await using var guarded = AppFactory.With(new Dictionary<string, string>
        {
            ["Detection:AutoconfigUrls:0"] = AutoconfigUrl,
            ["Detection:ProbePorts"] = $"{SmtpPort}/StartTls",
        });
        var api = await guarded.ApiClientAsync();
        var asked = autoconfig.AskedFor.Count;

        var response = await api.GetAsync("/api/v1/server-presets/detect?email=agent@auto.test");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(asked, autoconfig.AskedFor.Count);
    }

    [Fact]
    public async Task Page_APresetAndADetection_FillTheForm_AndOnlyAdminsMayDetect()
    {
        var admin = await app.BrowserAsync();
        await app.CreateUserAsync("detect-support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.ApiClientAsync("detect-support@acme.test", "Support-Pa55word!");

        var preset = WebUtility.HtmlDecode(await admin.GetStringAsync("/SmtpServers/Edit?preset=microsoft365"));
        var detected = WebUtility.HtmlDecode(
            await admin.GetStringAsync("/SmtpServers/Edit?detect=agent@mxgoogle.test"));
        var nothing = WebUtility.HtmlDecode(
            await admin.GetStringAsync("/SmtpServers/Edit?detect=agent@nothing-here.test"));
        var bad = WebUtility.HtmlDecode(await admin.GetStringAsync("/SmtpServers/Edit?detect=not-an-address"));

        Assert.Contains("value=\"smtp.office365.com\"", preset);
        Assert.Contains("30 messages a minute and 10,000 recipients a day per mailbox.", preset);
        Assert.Contains("Found through MX records (aspmx.l.google.com): Google Workspace / Gmail: smtp.gmail.com:587.",
            detected);
        Assert.Contains("Nothing answered for nothing-here.test", nothing);
        Assert.Contains("'not-an-address' is not an email address.", bad);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/server-presets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await support.GetAsync("/api/v1/server-presets/detect?email=a@auto.test")).StatusCode);
    }
}
