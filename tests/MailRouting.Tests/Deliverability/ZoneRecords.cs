using MailRouting.Deliverability;

namespace MailRouting.Tests.Deliverability;

/// <summary>
/// DNS as a dictionary, for the SPF and DMARC rules; the real DNS server is in the integration tests.
/// </summary>
public sealed class ZoneRecords : IDomainRecords
{
    private readonly Dictionary<(string Type, string Name), List<string>> records = [];

    public HashSet<string> Failing { get; } = [];

    public List<string> Asked { get; } = [];

    public ZoneRecords Add(string type, string name, params string[] values)
    {
        var key = (type, name);
        if (!records.TryGetValue(key, out var list))
        {
            records[key] = list = [];
        }

        list.AddRange(values);
        return this;
    }

    public Task<DnsAnswer> TxtAsync(string name, CancellationToken ct) => Task.FromResult(Answer("TXT", name));

    public Task<DnsAnswer> AddressesAsync(string name, CancellationToken ct) => Task.FromResult(Answer("A", name));

    public Task<DnsAnswer> MxAsync(string name, CancellationToken ct) => Task.FromResult(Answer("MX", name));

    public Task<DnsAnswer> SrvAsync(string name, CancellationToken ct) => Task.FromResult(Answer("SRV", name));

    private DnsAnswer Answer(string type, string name)
    {
        Asked.Add($"{type} {name}");
        return Failing.Contains(name) ? DnsAnswer.NoAnswer : new DnsAnswer(records.GetValueOrDefault((type,
            name)) ?? []);
    }
}
