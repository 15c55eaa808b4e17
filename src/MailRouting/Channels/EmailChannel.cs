using MailRouting.Servers;

namespace MailRouting.Channels;

public enum IncomingProtocol
{
    None,
    Imap,
    Pop3,
}

/// <summary>A shared address such as support@ that agents send from.</summary>
public sealed class EmailChannel
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>For admins and Support only (xentral's "Interne Beschreibung"); never in mail.</summary>
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Null follows the default server.</summary>
    public int? ServerId { get; set; }

    public bool OverrideCredentials { get; set; }

    /// <summary>The channel's own login when it overrides the server's; empty means the address.</summary>
    public string? Username { get; set; }

    public string? ProtectedPassword { get; set; }

    /// <summary>The account its own login signs in as.</summary>
    public string Login => string.IsNullOrWhiteSpace(Username) ? Address : Username;

    public IncomingSettings Incoming { get; set; } = new();

    /// <summary>Every agent may send as it; otherwise only the <see cref="Grantees"/> chosen as senders.</summary>
    public bool UsableAsSender { get; set; } = true;

    /// <summary>Every agent may name it as Reply-To; otherwise only the <see cref="Grantees"/> chosen for Reply-To.</summary>
    public bool UsableAsReplyTo { get; set; } = true;

    public List<ChannelGrantee> Grantees { get; set; } = [];

    /// <summary>The projects it is limited to; none: available in every project.</summary>
    public List<Projects.ChannelProject> ProjectLinks { get; set; } = [];

    /// <summary>Appends every sent message to this IMAP folder of the channel's incoming mailbox (null: no copy).</summary>
    public string? CopyToSentFolder { get; set; }

    /// <summary>Reads bounces from the incoming mailbox (IMAP): recorded, matched and moved to a folder.</summary>
    public bool ReadBounces { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class IncomingSettings
{
    public IncomingProtocol Protocol { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string? Username { get; set; }
    public IncomingAuth AuthMethod { get; set; }
    public string? ProtectedPassword { get; set; }
}
