using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using Xunit.Abstractions;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// The app as a real process, killed with SIGKILL while it delivers 200 messages, then started again on the same
/// database: nothing is lost, and at most the message in flight at the kill goes out twice (with the same Message-ID).
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class CrashTests(MtaFixture mta, ITestOutputHelper output) : IDisposable
{
    private const int Messages = 200;
    private readonly string folder = Directory.CreateTempSubdirectory("mailrouting-crash-").FullName;
    private readonly List<Process> processes = [];

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task KilledMidBatch_RestartDeliversEveryMessage()
    {
        var port = FreePort();
        var first = Start(port);
        using var api = await SignInAsync(port);
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Support", address = "support@acme.test", serverId });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var batch = $"c{Guid.NewGuid():N}"[..9];
        var recipients = Enumerable.Range(0, Messages).Select(i => $"{batch}-{i}@customer.test").ToList();
        foreach (var recipient in recipients)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId }, to = new[] { recipient }, subject = "Crash", text = "Hi" })).StatusCode);
        }

        var sentBeforeKill = await WaitForSentAsync(api, atLeast: 20);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();

        Start(port);
        using var afterRestart = await SignInAsync(port);
        await WaitForSentAsync(afterRestart, atLeast: Messages);
        await Task.Delay(1000);

        var delivered = mta.DeliveredCounts();
        var lost = recipients.Count(r => delivered.GetValueOrDefault(r) == 0);
        var duplicates = recipients.Sum(r => Math.Max(0, delivered.GetValueOrDefault(r) - 1));
        output.WriteLine($"{Messages} messages, killed once {sentBeforeKill} were recorded as sent: {lost} lost, {duplicates} duplicates.");
        Assert.Equal(0, lost);
        Assert.InRange(duplicates, 0, 1);
    }

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MailRouting.Web.dll"));
        foreach (var setting in new[]
        {
            $"--Urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:MailRouting=Data Source={Path.Combine(folder, "mailrouting.db")}",
            $"--Logging:FilePath={Path.Combine(folder, "logs", "app-.log")}",
            "--Delivery:PollMilliseconds=100",
            "--Delivery:LeaseSeconds=3",
            "--Delivery:RetryBaseSeconds=1",
        })
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["MAILROUTING_ADMIN_EMAIL"] = AppFactory.AdminEmail;
        start.Environment["MAILROUTING_ADMIN_PASSWORD"] = AppFactory.AdminPassword;
        var process = Process.Start(start)!;
        processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> SignInAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AppFactory.AdminEmail, password = AppFactory.AdminPassword });
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <returns>How many were recorded as sent when the wait ended.</returns>
    private static async Task<int> WaitForSentAsync(HttpClient api, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        int sent;
        while ((sent = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!["total"]!) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return sent;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
