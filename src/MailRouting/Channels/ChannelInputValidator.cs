using FluentValidation;
using MailRouting.Data;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Channels;

public sealed class ChannelInputValidator : AbstractValidator<ChannelInput>
{
    public ChannelInputValidator(MailRoutingDbContext db)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
        RuleFor(c => c.Address).Cascade(CascadeMode.Stop)
            .Must(EmailAddresses.IsValid).WithMessage("Enter the channel's email address, such as support@example.com.")
            .MustAsync(async (input, address, ct) => !await db.EmailChannels.AnyAsync(c => c.Address == EmailAddresses.Stored(address) && c.Id != input.Id, ct))
            .WithMessage(c => $"Another channel already uses {EmailAddresses.Stored(c.Address)}.")
            .MustAsync(async (address, ct) =>
            {
                var normalized = EmailAddresses.Stored(address).ToUpperInvariant();
                return !await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct);
            })
            .WithMessage(c => $"{EmailAddresses.Stored(c.Address)} is a user's own address, so mail from it would be both theirs and the channel's. " +
                "Give the channel an address of its own (such as support@), or let that user send as themselves.");
        RuleFor(c => c.DisplayName).MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(500).WithMessage("An internal description has at most 500 characters.");
        RuleFor(c => c.ServerId)
            .MustAsync(async (id, ct) => await db.SmtpServers.AnyAsync(s => s.Id == id, ct))
            .When(c => c.ServerId is not null)
            .WithMessage("That server does not exist.");
        RuleFor(c => c.OverrideCredentials)
            .MustAsync(async (input, _, ct) => await ChosenServerIsCustomAsync(db, input.ServerId, ct))
            .When(c => c.OverrideCredentials)
            .WithMessage("Override server configuration is only possible with a custom server; the Internal server always uses its own account.");
        RuleFor(c => c.Password)
            .MustAsync(async (input, password, ct) => !string.IsNullOrEmpty(password) || await KeepsPasswordAsync(db, input, ct)
                || await ChosenServerUsesOAuthAsync(db, input.ServerId, ct))
            .When(c => c.OverrideCredentials)
            .WithMessage("Enter the password of the channel's own login.");
        RuleFor(c => c.SenderUsers).CustomAsync(async (emails, context, ct) =>
        {
            if (await db.NotUsersAsync(emails, ct) is { Count: > 0 } strangers)
            {
                context.AddFailure($"These are not users: {string.Join(", ", strangers)}. Give the email address of each user who may send as the channel.");
            }

            if (await db.SupportUsersAsync(emails, ct) is { Count: > 0 } support)
            {
                context.AddFailure($"These are Support users, who read mail and never send it: {string.Join(", ", support)}. Give them the Agent role first.");
            }
        });
        RuleFor(c => c.ReplyToUsers).CustomAsync(async (emails, context, ct) =>
        {
            if (await db.NotUsersAsync(emails, ct) is { Count: > 0 } strangers)
            {
                context.AddFailure($"These are not users: {string.Join(", ", strangers)}. Give the email address of each user who may use it as Reply-To.");
            }
        });
        RuleFor(c => c.SenderGroups).MustAsync((ids, ct) => AllGroupsExistAsync(db, ids, ct)).WithMessage("One of the chosen groups does not exist.");
        RuleFor(c => c.ReplyToGroups).MustAsync((ids, ct) => AllGroupsExistAsync(db, ids, ct)).WithMessage("One of the chosen groups does not exist.");
        RuleFor(c => c.Projects).MustAsync(async (ids, ct) => ids.Count == 0 || await db.Projects.CountAsync(p => ids.Distinct().Contains(p.Id), ct) == ids.Distinct().Count())
            .WithMessage("One of the chosen projects does not exist.");
        RuleFor(c => c.CopyToSentFolder).Cascade(CascadeMode.Stop)
            .Must((input, _) => input.Incoming.Protocol == IncomingProtocol.Imap).WithMessage("Copying to a Sent folder needs IMAP incoming settings.")
            .Must(MailboxFolders.IsValid).WithMessage(MailboxFolders.Rule)
            .When(c => !string.IsNullOrWhiteSpace(c.CopyToSentFolder));
        RuleFor(c => c.ReadBounces).Equal(false).When(c => c.Incoming.Protocol != IncomingProtocol.Imap)
            .WithMessage(
                "Reading bounces needs IMAP incoming settings: bounces are moved to a folder, which POP3 has not.");
        When(c => c.Incoming.Protocol != IncomingProtocol.None, () =>
        {
            RuleFor(c => c.Incoming.Host).Must(EmailAddresses.IsHostName).WithMessage("Enter the incoming server's host name.");
            RuleFor(c => c.Incoming.Port).InclusiveBetween(1, 65535).When(c => c.Incoming.Port is not null)
                .WithMessage("The port must be between 1 and 65535.");
            RuleFor(c => c.Incoming.Username).NotEmpty().WithMessage("Enter the incoming login.");
            RuleFor(c => c.Incoming.AuthMethod).IsInEnum();
            RuleFor(c => c.Incoming.Password)
                .MustAsync(async (input, password, ct) => !string.IsNullOrEmpty(password) || await KeepsIncomingPasswordAsync(db, input, ct))
                .When(c => c.Incoming.AuthMethod == IncomingAuth.Password)
                .WithMessage("Enter the incoming password.");
        });
    }

    private static async Task<bool> AllGroupsExistAsync(MailRoutingDbContext db, List<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 || await db.UserGroups.CountAsync(g => wanted.Contains(g.Id), ct) == wanted.Count;
    }

    private static async Task<bool> ChosenServerIsCustomAsync(MailRoutingDbContext db, int? serverId, CancellationToken ct) =>
        await db.SmtpServers.AnyAsync(s => (serverId == null ? s.IsDefault : s.Id == serverId) && s.Kind == ServerKind.Custom, ct);

    /// <summary>With OAuth2 the channel's login has no password: its mailbox is connected instead.</summary>
    private static Task<bool> ChosenServerUsesOAuthAsync(MailRoutingDbContext db, int? serverId, CancellationToken ct) =>
        db.SmtpServers.AnyAsync(s => (serverId == null ? s.IsDefault : s.Id == serverId) 
            && (s.AuthMethod == SmtpAuthMethod.OAuth2 || s.AuthMethod == SmtpAuthMethod.OAuth2App), ct);

    private static async Task<bool> KeepsPasswordAsync(MailRoutingDbContext db, ChannelInput input, CancellationToken ct) =>
        !input.ClearPassword && input.Id is { } id && await db.EmailChannels.AnyAsync(c => c.Id == id && c.ProtectedPassword != null, ct);

    private static async Task<bool> KeepsIncomingPasswordAsync(MailRoutingDbContext db, ChannelInput input, CancellationToken ct) =>
        !input.Incoming.ClearPassword && input.Id is { } id && await db.EmailChannels.AnyAsync(c => c.Id == id && c.Incoming.ProtectedPassword != null, ct);
}
