using System.Net;
using System.Net.Sockets;
using MailRouting.Dkim;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Servers.Presets;

namespace MailRouting.Deliverability;

/// <summary>
/// Looks up SPF and DMARC of a From domain and the sending server's addresses, then asks <see cref="LandingRules"/>
/// what receivers will decide. A warning, never a block; bounded by <see cref="DnsSettings.CheckDeadline"/>.
/// </summary>
public sealed class LandingCheck(IDomainRecords dns, DmarcLookup dmarc, DkimSigners dkim, DkimRecordCheck dkimRecords,
    DnsSettings settings)
{
    /// <returns>Null when there is no plan: the explanation already says why nothing can be sent.</returns>
    public async Task<LandingForecast?> ForPlanAsync(SendPlan? plan, CancellationToken ct) =>
        plan is null ? null : await ForAsync(plan.From.Address, plan.Server.Host, plan.Server.Transport,
            plan.Server.SignsWithDkim, ct);

    /// <param name="signs">The server signs its mail with the From domain's DKIM keys.</param>
    public async Task<LandingForecast> ForAsync(string from, string host, ServerTransport transport, bool signs,
        CancellationToken ct)
    {
        var domain = from[(from.LastIndexOf('@') + 1)..];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.CheckDeadline);
        try
        {
            var (source, spf) = ProviderSource(host, transport) is { } provider
                ? (provider, await ProviderSpfAsync(provider, domain, deadline.Token))
                : await ThroughHostAsync(host, from, domain, deadline.Token);
            if (source is null)
            {
                return LandingForecast.CannotTell(
                    $"DNS gives no address for {host} (or did not answer), so SPF cannot be checked.");
            }

            return LandingRules.Forecast(from, source, spf, await dmarc.FindAsync(domain, deadline.Token),
                signs ? await DkimAsync(from, deadline.Token) : null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return LandingForecast.CannotTell($"DNS did not answer within {settings.CheckDeadline.TotalSeconds:0} s; "
                + "SPF and DMARC could not be checked.");
        }
    }

    /// <summary>
    /// The RSA key (the one every receiver checks) that signs mail from the address, with what DNS has for it.
    /// </summary>
    private async Task<DkimFinding?> DkimAsync(string from, CancellationToken ct) =>
        await dkim.ActiveForAsync(from, ct) is [var key, ..]
            ? new DkimFinding(key, await dkimRecords.CheckAsync(key, ct))
            : null;

    /// <summary>
    /// SPF as receivers see it for each of the host's addresses: the first that does not pass, else a pass.
    /// </summary>
    private async Task<(SendingSource? Source, SpfCheck Spf)> ThroughHostAsync(string host, string from, string domain,
        CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal]
            : (await dns.AddressesAsync(host, ct)).Records.Select(IPAddress.Parse).ToList();
        (SendingSource? Source, SpfCheck Spf) first = (null, new SpfCheck(SpfResult.TempError, domain, null, "", 0));
        foreach (var address in addresses)
        {
            var source = new SendingSource(address.ToString() == host ? host : $"{address} ({host})",
                (address.AddressFamily == AddressFamily.InterNetwork ? "ip4:" : "ip6:") + address);
            var spf = await new SpfEvaluation(dns, address, from).CheckAsync(domain, ct);
            if (spf.Result != SpfResult.Pass)
            {
                return (source, spf);
            }

            first = first.Source is null ? (source, spf) : first;
        }

        return first;
    }

    /// <summary>
    /// Graph, the Gmail API and a known provider's submission host send from the provider's own servers, whose
    /// addresses change: the sender domain's SPF record names them by the provider's include. Null for any other host.
    /// </summary>
    private static SendingSource? ProviderSource(string host, ServerTransport transport)
    {
        var provider = transport switch
        {
            ServerTransport.MicrosoftGraph => ProviderPresets.Find("microsoft365"),
            ServerTransport.GmailApi => ProviderPresets.Find("google"),
            _ => ProviderPresets.ForHost(host),
        };
        return provider is null ? null : new SendingSource($"the servers of {provider.Name}",
            "include:" + provider.SpfInclude);
    }

    private static SpfResult ResultOfAll(string? all) => all?[0] switch
    {
        '-' => SpfResult.Fail,
        '~' => SpfResult.SoftFail,
        _ => SpfResult.Neutral,
    };

    /// <summary>Whether the record names the provider's include; without it, the record's all term decides.</summary>
    private async Task<SpfCheck> ProviderSpfAsync(SendingSource source, string domain, CancellationToken ct)
    {
        var answer = await dns.TxtAsync(domain, ct);
        var record = answer.Records.FirstOrDefault(SpfEvaluation.IsSpf);
        var terms = record?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var all = terms.FirstOrDefault(t => t.TrimStart('+', '-', '~', '?').Equals("all",
            StringComparison.OrdinalIgnoreCase));
        return (answer.Failed, record) switch
        {
            (true, _) => new SpfCheck(SpfResult.TempError, domain, null, "DNS did not answer", 0),
            (_, null) => new SpfCheck(SpfResult.None, domain, null, "no SPF record", 0),
            _ when terms.Any(t => t.TrimStart('+').Equals(source.Allowing, StringComparison.OrdinalIgnoreCase)) =>
                new SpfCheck(SpfResult.Pass, domain, record, source.Allowing, 1),
            _ => new SpfCheck(ResultOfAll(all), domain, record, all ?? "no term matched", 0),
        };
    }
}
