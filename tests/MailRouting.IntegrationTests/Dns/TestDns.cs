using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Dns;

/// <summary>
/// A real DNS server (dnsmasq) on a free loopback port, serving tests/dns/zones.conf and forwarding nothing. Started once
/// for the test process, on first use; every app the tests start asks it (<c>Dns:Servers</c>), so no test depends on the
/// machine's DNS and each SPF, DMARC, MX and SRV case is a real answer.
/// </summary>
public static class TestDns
{
    private static readonly Lazy<string> Started = new(Start);

    /// <summary>"127.0.0.1:port", as <c>Dns:Servers</c> takes it.</summary>
    public static string Server => Started.Value;

    private static string Start()
    {
        var port = AppProcess.FreePort();
        var dnsmasq = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dnsmasq is not installed; install it as root with: bash tests/install.sh");
        var start = new ProcessStartInfo(dnsmasq)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--keep-in-foreground", "--bind-interfaces", "--listen-address=127.0.0.1",
            "--port=" + port.ToString(CultureInfo.InvariantCulture), "--no-resolv", "--no-hosts", "--pid-file=",
            "--user=" + Environment.UserName, "--log-facility=-",
            "--conf-file=" + Path.Combine(MtaFixture.RepositoryRoot(), "tests", "dns", "zones.conf")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var output = ProcessOutput.Of(process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Answers(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"dnsmasq did not start on port {port}: {output}");
            }

            Thread.Sleep(50);
        }

        return $"127.0.0.1:{port}";
    }

    /// <summary>dnsmasq also listens on TCP: once it accepts, it answers.</summary>
    private static bool Answers(int port)
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
