using MailRouting.Deliverability;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Tests.Deliverability;

public sealed class DnsSettingsTests
{
    private static DnsSettings From(params (string Key,
        string Value)[] values) => DnsSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void From_ServersWithAndWithoutPorts_DefaultTo53()
    {
        var settings = From(("Dns:Servers", "10.0.0.53, 127.0.0.1:5353,[::1]:53"));

        Assert.Equal(["10.0.0.53:53", "127.0.0.1:5353", "[::1]:53"], settings.Servers.Select(s => s.ToString()));
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)), (settings.QueryTimeout,
            settings.CheckDeadline));
    }

    [Theory]
    [InlineData("Dns:Servers", "dns.example.com", "Dns:Servers: \"dns.example.com\" is not an IP address")]
    [InlineData("Dns:TimeoutSeconds", "0", "Dns:TimeoutSeconds is 0; it must be between 0.1 and 60.")]
    [InlineData("Dns:CheckDeadlineSeconds", "1000", "Dns:CheckDeadlineSeconds is 1000; it must be between 1 and 300.")]
    public void From_BadValues_StopTheAppWithTheSettingNamed(string key, string value, string message) =>
        Assert.StartsWith(message, Assert.Throws<InvalidOperationException>(() => From((key, value))).Message);
}
