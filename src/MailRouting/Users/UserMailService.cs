using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Users;

public sealed record NewUser(string Email, string? DisplayName, string Role, string Password)
{
    // A record prints every property; this one must never print the password.
    public override string ToString() => $"{Email} ({Role})";
}

/// <summary>The user's own IMAP mailbox and the folder their sent mail is copied to. Empty password keeps the stored one.</summary>
/// <param name="AuthMethod">OAuth2: the token of the user's connected mailbox; no IMAP password is stored.</param>
public sealed record SentCopyInput(string? Host, int? Port, SmtpSecurity Security, string? Username, string? Password, string? Folder,
    IncomingAuth AuthMethod = IncomingAuth.Password)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int EffectivePort => Port ?? (Security == SmtpSecurity.SslOnConnect ? 993 : 143);

    public override string ToString() => $"copy to {Folder} at {Host} as {Username}";
}

/// <summary>An admin's view of a user's mail settings: server choice and override, never the password.</summary>
public sealed record UserMailSettings(int? ServerId, bool OverrideCredentials, string? SmtpUsername);

/// <summary>Users' mail settings. Admins choose server and override and may clear a password; only the user sets it.</summary>
public sealed class UserMailService(MailRoutingDbContext db, UserManager<AppUser> users, SecretProtector secrets, UserMailboxPolicy mailboxes,
    TimeProvider time, ILogger<UserMailService> logger)
{
    public async Task<Change<AppUser>> CreateAsync(NewUser input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsValid(input.Email?.Trim()))
        {
            errors["Email"] = ["Enter the user's email address."];
        }

        if (!Roles.All.Contains(input.Role))
        {
            errors["Role"] = [$"The role must be one of {string.Join(", ", Roles.All)}."];
        }

        if (errors.Count > 0)
        {
            return Change<AppUser>.Invalid(errors);
        }

        var email = EmailAddresses.Stored(input.Email!);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName?.Trim() ?? email };
        var created = await users.CreateAsync(user, input.Password ?? "");
        if (!created.Succeeded)
        {
            return Change<AppUser>.Invalid(new Dictionary<string, string[]>
            {
                [created.Errors.Any(e => e.Code.Contains("Password", StringComparison.Ordinal)) ? "Password" : "Email"] = [.. created.Errors.Select(e => e.Description)],
            });
        }

        await users.AddToRoleAsync(user, input.Role);
        logger.LogInformation("User {UserId} {Email} created as {Role}", user.Id, email, input.Role);
        return Change<AppUser>.Done(user);
    }

    public async Task<Change<AppUser>> SetMailSettingsAsync(string id, UserMailSettings settings, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Change<AppUser>.NotFound("user");
        }

        var server = settings.ServerId is { } serverId
            ? await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, ct)
            : await db.SmtpServers.AsNoTracking().SingleAsync(s => s.IsDefault, ct);
        if (server is null)
        {
            return Change<AppUser>.Invalid("ServerId", "That server does not exist.");
        }

        if (settings.OverrideCredentials && server.Kind == ServerKind.Internal)
        {
            return Change<AppUser>.Invalid("OverrideCredentials", "Override server configuration is only possible with a custom server.");
        }

        if (user.OverrideCredentials != settings.OverrideCredentials || user.SmtpUsername != settings.SmtpUsername.TrimmedOrNull())
        {
            // The connected mailbox was for the old login; the new one is connected anew.
            await db.RemoveGrantAsync(new GrantKey(GrantOwner.User, id), ct);
        }

        user.ServerId = settings.ServerId;
        user.OverrideCredentials = settings.OverrideCredentials;
        user.SmtpUsername = settings.SmtpUsername.TrimmedOrNull();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Mail settings of user {UserId} changed", id);
        return Change<AppUser>.Done(user);
    }

    /// <summary>
    /// Why the user may not save this login and password, before anything is tried: a user signs in only as their own
    /// address or the login an admin set for them, and a server that signs in with OAuth2 takes no password.
    /// </summary>
    /// <returns>Why not (null when they may), and the login as stored ("Jane@Acme.test." is jane@acme.test; null: their address).</returns>
    public async Task<(Change<AppUser>? Refused, string? Username)> CheckOwnLoginAsync(string id, string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password))
        {
            return (Change<AppUser>.Invalid("Password", "Enter your email account's password."), null);
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return (Change<AppUser>.NotFound("user"), null);
        }

        var server = await db.SmtpServers.AsNoTracking().Where(s => user.ServerId == null ? s.IsDefault : s.Id == user.ServerId)
            .Select(s => new { s.Name, s.AuthMethod }).SingleAsync(ct);
        if (server.AuthMethod == SmtpAuthMethod.OAuth2)
        {
            return (Change<AppUser>.Invalid("Password",
                $"{server.Name} signs in with OAuth2, not with a password: connect your mailbox with Connect mailbox instead. Nothing was saved."), null);
        }

        return username.TrimmedOrNull() switch
        {
            null => (null, null),
            var typed when EmailAddresses.Same(typed, user.Email) => (null, null),
            var typed when EmailAddresses.Same(typed, user.SmtpUsername) => (null, user.SmtpUsername),
            _ => (Change<AppUser>.Invalid("Username", $"{OwnLogins(user)} Nothing was saved or tried."), null),
        };
    }

    /// <summary>Only ever called for the signed-in user themselves.</summary>
    public async Task<Change<AppUser>> SetOwnPasswordAsync(string id, string? username, string? password, CancellationToken ct)
    {
        var (refused, login) = await CheckOwnLoginAsync(id, username, password, ct);
        if (refused is not null)
        {
            return refused;
        }

        var user = await db.Users.SingleAsync(u => u.Id == id, ct);
        user.ProtectedSmtpPassword = secrets.Protect(password!);
        if (username is not null)
        {
            user.SmtpUsername = login;
        }

        await db.SaveChangesAsync(ct);
        await db.ReleaseForSenderAsync(SenderKind.User, id, time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("User {UserId} set their SMTP password", id);
        return Change<AppUser>.Done(user);
    }

    /// <summary>Their own address, or the login an admin set for them: a user may not try anyone else's mailbox.</summary>
    private static bool IsOwnLogin(AppUser user, string login) => EmailAddresses.Same(login, user.Email) || EmailAddresses.Same(login, user.SmtpUsername);

    private static string OwnLogins(AppUser user) =>
        $"You can only sign in as your own address, {user.Email}" + (user.SmtpUsername is { } set && !EmailAddresses.Same(set, user.Email) ? $", or as {set}" : "") +
        ". If your mailbox uses another login, ask an admin to set it for you.";

    /// <summary>Only ever called for the signed-in user themselves: from now on their sent mail is copied to that folder.</summary>
    public async Task<Change<AppUser>> SetOwnSentCopyAsync(string id, SentCopyInput input, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Change<AppUser>.NotFound("user");
        }

        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsHostName(input.Host?.Trim()))
        {
            errors[nameof(input.Host)] = ["Enter your IMAP server's host name, such as imap.example.com."];
        }

        if (input.Port is < 1 or > 65535)
        {
            errors[nameof(input.Port)] = ["The port must be between 1 and 65535 (leave it empty for 993 or 143)."];
        }
        else if (errors.Count == 0 && await mailboxes.AllowedAsync(ct) is var allowed && !allowed.Contains(UserMailboxPolicy.Key(input.Host!, input.EffectivePort)))
        {
            errors[nameof(input.Host)] = [$"Mailboxes may only be at the mail servers your admin set up ({UserMailboxPolicy.Describe(allowed)}) " +
                "on port 143 or 993. Ask an admin to allow another one."];
        }

        if (string.IsNullOrWhiteSpace(input.Username))
        {
            errors[nameof(input.Username)] = ["Enter your IMAP login."];
        }
        else if (!IsOwnLogin(user, input.Username))
        {
            errors[nameof(input.Username)] = [OwnLogins(user)];
        }

        if (!Enum.IsDefined(input.AuthMethod))
        {
            errors[nameof(input.AuthMethod)] = ["Choose Password or OAuth2."];
        }

        if (input.AuthMethod == IncomingAuth.Password && string.IsNullOrEmpty(input.Password) && user.Incoming.ProtectedPassword is null)
        {
            errors[nameof(input.Password)] = ["Enter your IMAP password."];
        }

        if (!MailboxFolders.IsValid(input.Folder))
        {
            errors[nameof(input.Folder)] = [MailboxFolders.Rule];
        }

        if (errors.Count > 0)
        {
            return Change<AppUser>.Invalid(errors);
        }

        user.Incoming.Protocol = IncomingProtocol.Imap;
        user.Incoming.Host = input.Host!.Trim();
        user.Incoming.Port = input.EffectivePort;
        user.Incoming.Security = input.Security;
        user.Incoming.Username = input.Username!.Trim();
        user.Incoming.AuthMethod = input.AuthMethod;
        if (input.AuthMethod == IncomingAuth.OAuth2)
        {
            user.Incoming.ProtectedPassword = null;
        }
        else if (!string.IsNullOrEmpty(input.Password))
        {
            user.Incoming.ProtectedPassword = secrets.Protect(input.Password);
        }

        user.CopyToSentFolder = input.Folder!.Trim();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} copies sent mail to {Folder} at {Host}", id, user.CopyToSentFolder, user.Incoming.Host);
        return Change<AppUser>.Done(user);
    }

    public async Task<Change<AppUser>> StopOwnSentCopyAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Change<AppUser>.NotFound("user");
        }

        user.Incoming = new IncomingSettings();
        user.CopyToSentFolder = null;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} no longer copies sent mail", id);
        return Change<AppUser>.Done(user);
    }

    /// <summary>
    /// The user's IMAP settings as stored, for a connection test; refused when they copy nothing, invalid when the mailbox is no
    /// longer at an allowed host.
    /// </summary>
    public async Task<Change<IncomingSettings>> SentCopyMailboxAsync(string id, CancellationToken ct)
    {
        var mailbox = await db.Users.AsNoTracking().Where(u => u.Id == id && u.CopyToSentFolder != null).Select(u => u.Incoming).SingleOrDefaultAsync(ct);
        if (mailbox is null)
        {
            return Change<IncomingSettings>.Refused("Set up copying to Sent first.");
        }

        var allowed = await mailboxes.AllowedAsync(ct);
        return allowed.Contains(UserMailboxPolicy.Key(mailbox.Host ?? "", mailbox.Port ?? 0))
            ? Change<IncomingSettings>.Done(mailbox)
            : Change<IncomingSettings>.Invalid("Host", $"Your mailbox's host is no longer allowed ({UserMailboxPolicy.Describe(allowed)}); change it on your profile.");
    }

    public async Task<Change<AppUser>> ClearPasswordAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Change<AppUser>.NotFound("user");
        }

        user.ProtectedSmtpPassword = null;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("SMTP password of user {UserId} cleared", id);
        return Change<AppUser>.Done(user);
    }
}
