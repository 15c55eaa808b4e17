using System.Text.Json.Serialization;
using MailRouting.Servers.Detection;
using MailRouting.Servers.Presets;

namespace MailRouting.Servers;

/// <summary>What an admin submits to create or change a server, from the page or the API.</summary>
public sealed class SmtpServerInput
{
    /// <summary>The server being edited (from the route, never from the body); null when creating.</summary>
    [JsonIgnore]
    public int? Id { get; set; }

    // Forms post empty fields as null; null and empty mean the same here.
    public string Name { get; set => field = value ?? ""; } = "";

    /// <summary>SMTP, or an HTTP mail API whose host defaults to the provider's.</summary>
    public ServerTransport Transport { get; set; }

    public string Host { get; set => field = value ?? ""; } = "";

    /// <summary>Empty means the usual port for <see cref="Security"/> (443 for an HTTP API).</summary>
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public SmtpAuthMethod AuthMethod { get; set; } = SmtpAuthMethod.Plain;
    public string? Username { get; set; }

    /// <summary>Write-only. Empty keeps the stored password.</summary>
    public string? Password { get; set; }

    public bool ClearPassword { get; set; }

    /// <summary>With OAuth2 (either kind): the OAuth app every login on this server connects through.</summary>
    [JsonPropertyName("oauthAppId")]
    public int? OAuthAppId { get; set; }

    /// <summary>For an HTTP API server: also copy to the senders' Sent folders by IMAP.</summary>
    public bool CopyApiMailToSent { get; set; }

    /// <summary>
    /// For an SMTP server: sign its mail with the From domain's active DKIM keys (on unless turned off).
    /// </summary>
    public bool SignWithDkim { get; set; } = true;

    /// <summary>The envelope sender bounces go to; empty: each message's From address.</summary>
    public string? BounceAddress { get; set; }

    /// <summary>Adds each message's id to the envelope sender (VERP), so every bounce names its message.</summary>
    public bool Verp { get; set; }

    /// <summary>The server messages move to when this one refuses its way of signing in for good; null: none.</summary>
    public int? FallbackServerId { get; set; }

    /// <summary>Empty means the username, when the username is an address.</summary>
    public string? SenderAddress { get; set; }

    public string? SenderName { get; set; }
    public string? ClientName { get; set; }

    /// <summary>A note for admins and Support, shown in lists; never in mail.</summary>
    public string? Description { get; set; }
    public IList<string> SendAs { get; set => field = value ?? []; } = [];
    public int? TimeoutSeconds { get; set; }
    public string? PinnedCertificateSha256 { get; set; }
    public int? MaxMessagesPerSession { get; set; }
    public int? MaxMessagesPerMinute { get; set; }
    public int? MaxConcurrentSessions { get; set; }

    /// <summary>
    /// The version the editor started from; a different stored version means someone else saved first.
    /// </summary>
    public Guid? Version { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int EffectivePort => Port ?? (Transport.IsHttpApi() ? 443 : Security.DefaultPort());

    /// <summary>The host typed, or for an HTTP API left empty, the provider's.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string EffectiveHost => string.IsNullOrWhiteSpace(Host) ? Transport.DefaultHost() : Host;

    [System.Text.Json.Serialization.JsonIgnore]
    public string? EffectiveSenderAddress =>
        string.IsNullOrWhiteSpace(SenderAddress) ? (Username?.Contains('@', StringComparison.Ordinal) == true ? Username.Trim() : null) : SenderAddress.Trim();

    /// <summary>A new server filled in from a known provider's preset.</summary>
    public static SmtpServerInput For(ProviderPreset preset) => new()
    {
        Name = preset.Name, Host = preset.Host, Port = preset.Port, Security = preset.Security,
            AuthMethod = preset.AuthMethod,
        SignWithDkim = !preset.SignsDkim, MaxMessagesPerMinute = preset.PerMinute,
    };

    /// <summary>A new server filled in from detected settings, signing in as the address they were found for.</summary>
    public static SmtpServerInput For(DetectedSettings found, string email)
    {
        var input = found.Preset is { } preset
            ? For(preset) : new SmtpServerInput { Name = email[(email.LastIndexOf('@') + 1)..] };
        input.Host = found.Host;
        input.Port = found.Port;
        input.Security = found.Security;
        input.AuthMethod = found.AuthMethod;
        input.Username = email;
        return input;
    }

    public static SmtpServerInput From(SmtpServerSummary server) => new()
    {
        Id = server.Id,
        Name = server.Name,
        Transport = server.Transport,
        Host = server.Host,
        Port = server.Port,
        Security = server.Security,
        AuthMethod = server.AuthMethod,
        Username = server.Username,
        OAuthAppId = server.OAuthAppId,
        FallbackServerId = server.FallbackServerId,
        CopyApiMailToSent = server.CopyApiMailToSent,
        SignWithDkim = server.SignWithDkim,
        BounceAddress = server.BounceAddress,
        Verp = server.Verp,
        SenderAddress = server.SenderAddress,
        SenderName = server.SenderName,
        ClientName = server.ClientName,
        Description = server.Description,
        SendAs = [.. server.SendAs],
        TimeoutSeconds = server.TimeoutSeconds,
        PinnedCertificateSha256 = server.PinnedCertificateSha256,
        MaxMessagesPerSession = server.MaxMessagesPerSession,
        MaxMessagesPerMinute = server.MaxMessagesPerMinute,
        MaxConcurrentSessions = server.MaxConcurrentSessions,
        Version = server.Version,
    };
}
