using MailRouting.Servers.Presets;

namespace MailRouting.Servers.Detection;

/// <summary>Submission settings found for an address, and which source gave them.</summary>
/// <param name="Source">"Thunderbird autoconfig at https://autoconfig.acme.com/…", "MX records (Google Workspace)",
/// …</param>
/// <param name="Preset">The known provider, when the settings are one's: its notes and limits apply.</param>
public sealed record DetectedSettings(string Source, string Host, int Port, SmtpSecurity Security,
    SmtpAuthMethod AuthMethod,
    ProviderPreset? Preset = null);
