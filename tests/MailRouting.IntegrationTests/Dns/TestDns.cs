namespace MailRouting.IntegrationTests.Dns;

/// <summary>
/// The DNS server every app the tests start asks (<c>Dns:Servers</c>), started once for the test process on first use,
/// so no test depends on the machine's DNS and each SPF, DMARC, MX and SRV case is a real answer.
/// </summary>
public static class TestDns
{
    private static readonly Lazy<DnsServerProcess> Started = new(() =>
    {
        var server = DnsServerProcess.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    /// <summary>"127.0.0.1:port", as <c>Dns:Servers</c> takes it.</summary>
    public static string Server => Started.Value.Address;
}
