using MailRouting.Channels;
using Microsoft.AspNetCore.Identity;

namespace MailRouting.Users;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Null follows the default server.</summary>
    public int? ServerId { get; set; }

    public bool OverrideCredentials { get; set; }

    /// <summary>Empty means the user's email.</summary>
    public string? SmtpUsername { get; set; }

    /// <summary>Written only by the user on their profile; an admin can clear it, never read it.</summary>
    public string? ProtectedSmtpPassword { get; set; }

    /// <summary>The user's own IMAP mailbox; only used to copy sent mail into <see cref="CopyToSentFolder"/>.</summary>
    public IncomingSettings Incoming { get; set; } = new();

    /// <summary>Appends every message the user sends to this IMAP folder (null: no copy).</summary>
    public string? CopyToSentFolder { get; set; }

    /// <summary>For signatures ({mobile}); the office phone is Identity's PhoneNumber ({phone}).</summary>
    public string? Mobile { get; set; }

    public string? Fax { get; set; }

    /// <summary>May no longer sign in; kept so their messages and history still name them.</summary>
    public bool Deactivated { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Agent = "Agent";
    public const string Support = "Support";

    public static readonly IReadOnlyList<string> All = [Admin, Agent, Support];
}
