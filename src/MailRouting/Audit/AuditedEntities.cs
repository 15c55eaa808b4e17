using MailRouting.Channels;
using MailRouting.Dkim;
using MailRouting.Groups;
using MailRouting.OAuth;
using MailRouting.Projects;
using MailRouting.Servers;
using MailRouting.Signatures;
using MailRouting.Users;
using Microsoft.AspNetCore.Identity;

namespace MailRouting.Audit;

/// <summary>
/// What the audit log records: configuration entities with a kind and a name each, without the bookkeeping columns
/// (concurrency versions, the last test's result, sign-in counters) that change without anyone changing the
/// configuration.
/// </summary>
public static class AuditedEntities
{
    private static readonly HashSet<string> Bookkeeping =
    [
        nameof(SmtpServer.Version), nameof(AppUser.ConcurrencyStamp), nameof(AppUser.SecurityStamp),
        nameof(AppUser.NormalizedEmail), nameof(AppUser.NormalizedUserName), nameof(AppUser.AccessFailedCount),
        nameof(AppUser.LockoutEnd),
        nameof(SmtpServer.LastTestAt), nameof(SmtpServer.LastTestSucceeded), nameof(SmtpServer.LastTestCode),
        nameof(SmtpServer.LastTestSummary), nameof(SmtpServer.AdvertisedMaxSize),
    ];

    /// <summary>The kinds the log records (those <see cref="Describe"/> gives), for the filter.</summary>
    public static readonly string[] Kinds =
    [
        "Server", "Channel", "Channel right", "Channel project", "User", "User role", "Group", "Group member",
            "OAuth app",
        "DKIM key", "Project", "Project member", "Signature", "Suppression",
    ];

    /// <returns>The kind and name of an audited entity; null for anything else.</returns>
    public static (string Kind, string Name)? Describe(object entity) => entity switch
    {
        SmtpServer server => ("Server", server.Name),
        EmailChannel channel => ("Channel", channel.Address),
        ChannelGrantee grantee => ("Channel right", $"channel {grantee.ChannelId}"),
        ChannelProject link => ("Channel project", $"channel {link.ChannelId}"),
        AppUser user => ("User", user.Email ?? user.Id),
        IdentityUserRole<string> role => ("User role", $"user {role.UserId}"),
        UserGroup group => ("Group", group.Name),
        UserGroupMember member => ("Group member", $"group {member.GroupId}"),
        OAuthApp app => ("OAuth app", app.Name),
        DkimKey key => ("DKIM key", key.RecordName),
        Project project => ("Project", project.Name),
        ProjectMember member => ("Project member", $"project {member.ProjectId}"),
        Signature signature => ("Signature", signature.OwnerId is { } owner ? $"{signature.Scope} {owner}" : "Central"),
        Bounces.Suppression suppression => ("Suppression", suppression.Address),
        _ => null,
    };

    public static bool IsBookkeeping(string property) => Bookkeeping.Contains(property);

    /// <summary>
    /// Encrypted passwords, client secrets, private keys and password hashes: recorded only as set or changed.
    /// </summary>
    public static bool IsSecret(string property) =>
        property.StartsWith("Protected", StringComparison.Ordinal) || property == nameof(AppUser.PasswordHash);
}
