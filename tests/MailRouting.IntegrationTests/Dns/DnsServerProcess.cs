using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Dns;

/// <summary>
/// A real DNS server (dnsmasq) on a loopback port, serving tests/dns/zones.conf plus records a test adds, forwarding
/// nothing. <see cref="Restart"/> serves new records on the same port, as a DNS provider publishing a record would.
/// </summary>
public sealed class DnsServerProcess : IDisposable
{
    private readonly int port = AppProcess.FreePort();
    private readonly string extraFile = Path.Combine(Path.GetTempPath(), $"mailrouting-dns-{Guid.NewGuid():N}.conf");
    private Process? process;

    private DnsServerProcess()
    {
    }

    /// <summary>"127.0.0.1:port", as <c>Dns:Servers</c> takes it.</summary>
    public string Address => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    public IPEndPoint EndPoint => new(IPAddress.Loopback, port);

    public static DnsServerProcess Start(params string[] records)
    {
        var server = new DnsServerProcess();
        server.Restart(records);
        return server;
    }

    /// <summary>A TXT record in dnsmasq's form, split into strings of at most 255 characters as DNS requires.</summary>
    public static string Txt(string name, string value) =>
        $"txt-record={name}," + string.Join(',', value.Chunk(255).Select(part => $"\"{new string(part)}\""));

    /// <param name="records">dnsmasq lines, for example from <see cref="Txt"/>, served beside the test zones.</param>
    public void Restart(params string[] records)
    {
        Stop();
        File.WriteAllLines(extraFile, records);
        var dnsmasq = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "dnsmasq is not installed; install it as root with: bash tests/install.sh");
        var start = new ProcessStartInfo(dnsmasq) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--keep-in-foreground", "--bind-interfaces", "--listen-address=127.0.0.1",
            "--port=" + port.ToString(CultureInfo.InvariantCulture), "--no-resolv", "--no-hosts", "--pid-file=",
            "--user=" + Environment.UserName, "--log-facility=-",
            "--conf-file=" + Path.Combine(MtaFixture.RepositoryRoot(), "tests", "dns", "zones.conf"),
                "--conf-file=" + extraFile])
        {
            start.ArgumentList.Add(argument);
        }

        var started = Process.Start(start)!;
        var output = ProcessOutput.Of(started);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Answers())
        {
            if (started.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"dnsmasq did not start on port {port}: {output}");
            }

            Thread.Sleep(50);
        }

        process = started;
    }

    public void Dispose()
    {
        Stop();
        File.Delete(extraFile);
    }

    private void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>dnsmasq also listens on TCP: once it accepts, it answers.</summary>
    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
