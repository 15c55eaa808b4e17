using System.Globalization;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;

namespace MailRouting.Deliverability;

/// <summary>
/// Asks the configured DNS server (or the machine's) with DnsClient, which keeps each answer for its TTL, so a page
/// that checks the same domain again does not ask again until the record may have changed.
/// </summary>
public sealed class DnsDomainRecords : IDomainRecords
{
    private readonly LookupClient client;
    private readonly ILogger<DnsDomainRecords> logger;

    public DnsDomainRecords(DnsSettings settings, ILogger<DnsDomainRecords> logger)
    {
        var options = settings.Servers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions([.. settings.Servers.Select(s => new NameServer(s))]);
        options.UseCache = true;
        options.Timeout = settings.QueryTimeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        client = new LookupClient(options);
        this.logger = logger;
    }

    public Task<DnsAnswer> TxtAsync(string name, CancellationToken ct) =>
        AskAsync(name, QueryType.TXT, r => r.TxtRecords().Select(t => string.Concat(t.Text)), ct);

    public async Task<DnsAnswer> AddressesAsync(string name, CancellationToken ct)
    {
        var v4 = await AskAsync(name, QueryType.A, r => r.ARecords().Select(a => a.Address.ToString()), ct);
        var v6 = await AskAsync(name, QueryType.AAAA, r => r.AaaaRecords().Select(a => a.Address.ToString()), ct);
        return new DnsAnswer([.. v4.Records, .. v6.Records], v4.Failed || v6.Failed);
    }

    public Task<DnsAnswer> MxAsync(string name, CancellationToken ct) =>
        AskAsync(name, QueryType.MX,
            r => r.MxRecords().OrderBy(m => m.Preference).Select(m => m.Exchange.Value.TrimEnd('.')), ct);

    public Task<DnsAnswer> SrvAsync(string name, CancellationToken ct) =>
        AskAsync(name, QueryType.SRV, r => r.SrvRecords().OrderBy(s => s.Priority).ThenByDescending(s => s.Weight)
            .Where(s => s.Target.Value != ".")
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Target.Value.TrimEnd('.')}:{s.Port}")), ct);

    private async Task<DnsAnswer> AskAsync(string name, QueryType type, Func<IEnumerable<DnsResourceRecord>,
        IEnumerable<string>> read,
        CancellationToken ct)
    {
        try
        {
            var response = await client.QueryAsync(name, type, QueryClass.IN, ct);
            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                logger.LogInformation("DNS answered {Type} {Name} with {Error}", type, name, response.ErrorMessage);
                return DnsAnswer.NoAnswer;
            }

            return new DnsAnswer([.. read(response.Answers)]);
        }
        catch (DnsResponseException e)
        {
            logger.LogInformation("DNS did not answer {Type} {Name}: {Error}", type, name, e.Message);
            return DnsAnswer.NoAnswer;
        }
    }
}
