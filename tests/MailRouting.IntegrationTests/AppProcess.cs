using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Data;

namespace MailRouting.IntegrationTests;

/// <summary>
/// The app as its own operating-system process (dotnet MailRouting.Web.dll) on the database of a given folder, for
/// tests that need several processes on one database or a process killed with SIGKILL.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;

    private readonly ProcessOutput output;

    private AppProcess(Process process, int port)
    {
        this.process = process;
        output = ProcessOutput.Of(process);
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    /// <summary>What the process wrote to the console so far.</summary>
    public string Output => output.ToString();

    /// <param name="environment">Extra environment variables; ASPNETCORE_URLS among them replaces the --urls argument.</param>
    public static AppProcess Start(string folder, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MailRouting.Web.dll"));
        if (environment?.ContainsKey("ASPNETCORE_URLS") != true)
        {
            start.ArgumentList.Add($"--urls=http://127.0.0.1:{chosen}");
        }

        foreach (var setting in new[]
        {
            $"--Logging:FilePath={Path.Combine(folder, "logs", $"app-{chosen}-.log")}",
            $"--PublicUrl=http://127.0.0.1:{chosen}",
            "--Delivery:PollMilliseconds=100",
            "--Dns:Servers=" + Dns.TestDns.Server,
            "--Delivery:RetryBaseSeconds=1",
            // Short, so a killed instance's messages are taken over quickly.
            "--Delivery:LeaseSeconds=3",
        }.Concat(TestDatabase.SettingsFor(folder).Select(s => $"--{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["MAILROUTING_ADMIN_EMAIL"] = AppFactory.AdminEmail;
        start.Environment["MAILROUTING_ADMIN_PASSWORD"] = AppFactory.AdminPassword;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new AppProcess(Process.Start(start)!, chosen);
    }

    /// <summary>Waits for the process to end by itself; false when it still runs at the deadline.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int ExitCode => process.ExitCode;

    /// <summary>A client signed in as nobody.</summary>
    public HttpClient AnonymousClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };

    /// <summary>A client that signed in through the sign-in page and keeps its cookie, as a browser would.</summary>
    public async Task<HttpClient> BrowserAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
        };
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Waits until the app answers, then returns a client holding an admin's bearer token.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var client = AnonymousClient();
        var healthy = false;
        for (var i = 0; i < 150 && !healthy && !process.HasExited; i++)
        {
            try
            {
                healthy = (await client.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(healthy ? 0 : 200);
        }

        Assert.True(healthy, $"The app on port {Port} did not become healthy within 30 s. It wrote:\n{Output}");

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AppFactory.AdminEmail, password = AppFactory.AdminPassword });
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, below the ephemeral range (32768 and up) so
    /// that no outgoing connection takes one of them between this check and their use, and above the test MTAs'.
    /// </summary>
    public static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(21_000, 32_000 - count);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
                // One of them is taken: try another run.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports were found between 21000 and 32000.");
    }
}
