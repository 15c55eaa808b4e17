namespace MailRouting.Deliverability;

/// <summary>The DNS questions the deliverability checks ask; the real one asks the configured DNS server.</summary>
public interface IDomainRecords
{
    /// <summary>Each TXT record as one string, its parts joined as RFC 7208 §3.3 says.</summary>
    Task<DnsAnswer> TxtAsync(string name, CancellationToken ct);

    /// <summary>The A and AAAA addresses of a host.</summary>
    Task<DnsAnswer> AddressesAsync(string name, CancellationToken ct);

    /// <summary>The mail exchangers of a domain, most preferred first, without the trailing dot.</summary>
    Task<DnsAnswer> MxAsync(string name, CancellationToken ct);

    /// <summary>A service's SRV targets as "host:port", by priority then weight, without the trailing dot.</summary>
    Task<DnsAnswer> SrvAsync(string name, CancellationToken ct);
}
