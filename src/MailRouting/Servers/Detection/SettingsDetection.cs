using System.Globalization;
using MailRouting.Deliverability;
using MailRouting.Servers.Presets;
using Microsoft.Extensions.Logging;

namespace MailRouting.Servers.Detection;

/// <summary>
/// Finds the submission settings for an email address as Thunderbird does, in this order: the domain's autoconfig file
/// (its autoconfig host, then its well-known address), its MX records matched to a known provider, RFC 6186 SRV records
/// (<c>_submissions._tcp</c>, then <c>_submission._tcp</c>), then the usual ports on smtp. and mail. of the domain.
/// Every connection goes through the <see cref="NetworkGuard"/>; the whole search ends at <see
/// cref="DetectionOptions.Deadline"/>.
/// </summary>
public sealed class SettingsDetection(IDomainRecords dns, NetworkGuard guard, IHttpClientFactory http,
    DetectionOptions options,
    ILogger<SettingsDetection> logger)
{
    public const string AutoconfigClient = "autoconfig";
    private const int MaxFileBytes = 64 * 1024;

    /// <returns>The settings and their source; null when no source answered in time.</returns>
    public async Task<DetectedSettings?> DetectAsync(string email, CancellationToken ct)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Deadline);
        try
        {
            return await FromAutoconfigAsync(email, domain, deadline.Token)
                ?? await FromMxAsync(domain, deadline.Token)
                ?? await FromSrvAsync(domain, deadline.Token)
                ?? await FromPortsAsync(domain, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation("Detection for {Domain} ended at its deadline of {Seconds} s", domain,
                options.Deadline.TotalSeconds);
            return null;
        }
    }

    private async Task<DetectedSettings?> FromAutoconfigAsync(string email, string domain, CancellationToken ct)
    {
        var client = http.CreateClient(AutoconfigClient);
        foreach (var template in options.AutoconfigUrls)
        {
            var url = template.Replace("{domain}", domain, StringComparison.Ordinal)
                .Replace("{email}", Uri.EscapeDataString(email), StringComparison.Ordinal);
            try
            {
                using var step = CancellationTokenSource.CreateLinkedTokenSource(ct);
                step.CancelAfter(options.StepTimeout);
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, step.Token);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxFileBytes)
                {
                    continue;
                }

                var text = await ReadLimitedAsync(response.Content, step.Token);
                if (text is not null && AutoconfigFile.Read(text, email,
                    $"Thunderbird autoconfig at {url}") is { } found)
                {
                    return found with { Preset = ProviderPresets.ForHost(found.Host) };
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException
                && !ct.IsCancellationRequested)
            {
                logger.LogInformation("No autoconfig at {Url}: {Reason}", url, e.Message);
            }
        }

        return null;
    }

    private static async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxFileBytes + 1];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is > 0 and var chunk)
        {
            read += chunk;
        }

        return read > MaxFileBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task<DetectedSettings?> FromMxAsync(string domain, CancellationToken ct)
    {
        var exchangers = (await dns.MxAsync(domain, ct)).Records;
        return ProviderPresets.ForMx(exchangers) is { } preset
            ? new DetectedSettings($"MX records ({exchangers[0]}): {preset.Name}", preset.Host, preset.Port,
                preset.Security,
                preset.AuthMethod, preset)
            : null;
    }

    private async Task<DetectedSettings?> FromSrvAsync(string domain, CancellationToken ct)
    {
        foreach (var (service, security) in new[] { ("_submissions._tcp.", SmtpSecurity.SslOnConnect),
            ("_submission._tcp.", SmtpSecurity.StartTls) })
        {
            if ((await dns.SrvAsync(service + domain, ct)).Records is [var target, ..])
            {
                var separator = target.LastIndexOf(':');
                return new DetectedSettings($"SRV record {service}{domain}", target[..separator],
                    int.Parse(target[(separator + 1)..], CultureInfo.InvariantCulture), security, SmtpAuthMethod.Plain);
            }
        }

        return null;
    }

    private async Task<DetectedSettings?> FromPortsAsync(string domain, CancellationToken ct)
    {
        foreach (var host in new[] { "smtp." + domain, "mail." + domain })
        {
            foreach (var (port, security) in options.ProbePorts)
            {
                try
                {
                    using var step = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    step.CancelAfter(options.StepTimeout);
                    using var socket = await guard.ConnectAsync(host, port, step.Token);
                    return new DetectedSettings($"port probe: {host}:{port} answered", host, port, security,
                        SmtpAuthMethod.Plain,
                        ProviderPresets.ForHost(host));
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException
                    && !ct.IsCancellationRequested)
                {
                    logger.LogInformation("Nothing answered at {Host}:{Port}", host, port);
                }
            }
        }

        return null;
    }
}
