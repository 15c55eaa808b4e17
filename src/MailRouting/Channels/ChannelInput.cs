using System.Text.Json.Serialization;
using MailRouting.Servers;

namespace MailRouting.Channels;

/// <summary>What an admin submits to create or change a channel, from the page or the API.</summary>
public sealed class ChannelInput
{
    [JsonIgnore]
    public int? Id { get; set; }

    public string Name { get; set => field = value ?? ""; } = "";
    public string Address { get; set => field = value ?? ""; } = "";
    public string? DisplayName { get; set; }

    /// <summary>A note for admins and Support, shown in lists; never in mail.</summary>
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Null follows the default server.</summary>
    public int? ServerId { get; set; }

    public bool OverrideCredentials { get; set; }

    /// <summary>Empty means the channel's address.</summary>
    public string? Username { get; set; }

    /// <summary>Write-only. Empty keeps the stored password.</summary>
    public string? Password { get; set; }

    public bool ClearPassword { get; set; }
    public IncomingInput Incoming { get; set => field = value ?? new(); } = new();
    /// <summary>Every agent may send as it; when false, only <see cref="SenderUsers"/> and the members of <see cref="SenderGroups"/>.</summary>
    public bool UsableAsSender { get; set; } = true;

    /// <summary>Every agent may name it as Reply-To; when false, only <see cref="ReplyToUsers"/> and the members of <see cref="ReplyToGroups"/>.</summary>
    public bool UsableAsReplyTo { get; set; } = true;

    /// <summary>Users (by email) who may send as it when it is not open to every agent.</summary>
    public List<string> SenderUsers { get; set => field = value ?? []; } = [];

    public List<int> SenderGroups { get; set => field = value ?? []; } = [];

    /// <summary>Users (by email) who may name it as Reply-To when that is not open to every agent.</summary>
    public List<string> ReplyToUsers { get; set => field = value ?? []; } = [];

    public List<int> ReplyToGroups { get; set => field = value ?? []; } = [];

    /// <summary>The projects it is limited to; empty: available in every project.</summary>
    public List<int> Projects { get; set => field = value ?? []; } = [];

    /// <summary>The IMAP folder sent messages are copied to, e.g. "Sent"; empty: no copy.</summary>
    public string? CopyToSentFolder { get; set; }

    /// <summary>Reads bounces from the IMAP incoming mailbox.</summary>
    public bool ReadBounces { get; set; }

    public Guid? Version { get; set; }
}

public sealed class IncomingInput
{
    public IncomingProtocol Protocol { get; set; }
    public string? Host { get; set; }

    /// <summary>Empty means the usual port: IMAP 143/993, POP3 110/995.</summary>
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string? Username { get; set; }

    /// <summary>OAuth2: the token of the mailbox the channel sends with, connected on its page; no password is stored.</summary>
    public IncomingAuth AuthMethod { get; set; }

    public string? Password { get; set; }
    public bool ClearPassword { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int EffectivePort => Port ?? (Protocol, Security) switch
    {
        (IncomingProtocol.Pop3, SmtpSecurity.SslOnConnect) => 995,
        (IncomingProtocol.Pop3, _) => 110,
        (_, SmtpSecurity.SslOnConnect) => 993,
        _ => 143,
    };
}
