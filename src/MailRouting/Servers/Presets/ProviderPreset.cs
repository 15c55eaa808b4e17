namespace MailRouting.Servers.Presets;

/// <summary>A known provider's submission settings, with what an admin must know before using them.</summary>
/// <param name="Mx">Host name endings of the provider's mail exchangers: a domain whose MX ends so is hosted
/// there.</param>
/// <param name="SpfInclude">The domain a sender domain's SPF record includes to allow the provider's servers.</param>
/// <param name="SignsDkim">The provider signs with DKIM itself, so the server should not sign again.</param>
/// <param name="PerMinute">The provider's documented per-minute limit, filled in as the server's.</param>
/// <param name="SetsEnvelope">The provider sets the envelope sender itself (the account, or its own bounce domain):
/// a bounce address of ours is refused or replaced, so bounces come to the From mailbox or the provider.</param>
public sealed record ProviderPreset(string Id, string Name, string Host, int Port, SmtpSecurity Security,
    SmtpAuthMethod AuthMethod,
    string Notes, string Limits, IReadOnlyList<string> Mx, string SpfInclude, bool SignsDkim, int? PerMinute = null,
    bool SetsEnvelope = false)
{
    /// <summary>Whether a mail exchanger's host name is one of the provider's.</summary>
    public bool Hosts(string mxHost) =>
        Mx.Any(suffix => mxHost.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || mxHost.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase));
}
