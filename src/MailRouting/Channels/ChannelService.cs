using FluentValidation;
using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Channels;

public sealed class ChannelService(
    MailRoutingDbContext db,
    IValidator<ChannelInput> validator,
    SecretProtector secrets,
    SenderResolution resolution,
    SenderTester tester,
    SaveRules rules,
    TimeProvider time,
    ILogger<ChannelService> logger)
{
    public async Task<Change<EmailChannel>> CreateAsync(ChannelInput input, CancellationToken ct)
    {
        input.Id = null;
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            return Change<EmailChannel>.Invalid(result.ToDictionary().AsReadOnly());
        }

        var channel = Candidate(null, input);
        if (await UntestedAsync(null, channel, ct) is { } refused)
        {
            return refused;
        }

        channel.Grantees = await GranteesAsync(input, ct);
        channel.ProjectLinks = ProjectLinks(input);
        db.EmailChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Channel {ChannelId} {Address} created", channel.Id, channel.Address);
        return Change<EmailChannel>.Done(channel);
    }

    public async Task<Change<EmailChannel>> UpdateAsync(int id, ChannelInput input, CancellationToken ct)
    {
        var channel = await db.EmailChannels.Include(c => c.Grantees).Include(c => c.ProjectLinks).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return Change<EmailChannel>.NotFound("channel");
        }

        input.Id = id;
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            return Change<EmailChannel>.Invalid(result.ToDictionary().AsReadOnly());
        }

        if (await UntestedAsync(channel, Candidate(channel, input), ct) is { } refused)
        {
            return refused;
        }

        if (input.Version is { } seen)
        {
            db.Entry(channel).Property(c => c.Version).OriginalValue = seen;
        }

        var signsInAs = (channel.OverrideCredentials, channel.Login);
        Apply(input, channel);
        channel.Grantees = await GranteesAsync(input, ct);
        channel.ProjectLinks = ProjectLinks(input);
        if (signsInAs != (channel.OverrideCredentials, channel.Login))
        {
            // The connected mailbox was for the old login; the new one is connected anew.
            await db.RemoveGrantAsync(new GrantKey(GrantOwner.Channel, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Change<EmailChannel>.Conflict("channel");
        }

        await db.ReleaseForSenderAsync(SenderKind.Channel, channel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("Channel {ChannelId} {Address} changed", channel.Id, channel.Address);
        return Change<EmailChannel>.Done(channel);
    }

    /// <summary>
    /// Tests the form's settings before they are saved, as a send with them would go: the resolved server, the login and the
    /// stored password when the field is empty. Nothing is stored; invalid settings are not tested.
    /// </summary>
    public async Task<(SenderTestResult? Result, Change<EmailChannel>? Refusal)> TestSettingsAsync(int? id, ChannelInput input, string? recipient,
        CancellationToken ct)
    {
        var stored = id is null ? null : await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (id is not null && stored is null)
        {
            return (null, Change<EmailChannel>.NotFound("channel"));
        }

        input.Id = id;
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            return (null, Change<EmailChannel>.Invalid(result.ToDictionary().AsReadOnly()));
        }

        var candidate = Candidate(stored, input);
        return (await tester.TestAsync(await ResolveAsync(stored, candidate, ct), recipient, ct), null);
    }

    public async Task<IncomingSettings?> IncomingOfAsync(int id, CancellationToken ct) =>
        await db.EmailChannels.AsNoTracking().Where(c => c.Id == id).Select(c => c.Incoming).SingleOrDefaultAsync(ct);

    public async Task<Change<EmailChannel>> DeleteAsync(int id, CancellationToken ct)
    {
        var channel = await db.EmailChannels.FindAsync([id], ct);
        if (channel is null)
        {
            return Change<EmailChannel>.NotFound("channel");
        }

        // A project that starts its messages from this channel starts them from nothing chosen instead.
        await db.Projects.Where(p => p.DefaultSenderChannelId == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.DefaultSenderChannelId, (int?)null), ct);
        await db.Projects.Where(p => p.DefaultReplyToChannelId == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.DefaultReplyToChannelId, (int?)null), ct);
        db.EmailChannels.Remove(channel);
        db.Signatures.RemoveRange(db.Signatures.Where(s => s.Scope == Signatures.SignatureScope.Channel && s.OwnerId == id));
        await db.RemoveGrantAsync(new GrantKey(GrantOwner.Channel, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Channel {ChannelId} {Address} deleted", channel.Id, channel.Address);
        return Change<EmailChannel>.Done(channel);
    }

    private static List<Projects.ChannelProject> ProjectLinks(ChannelInput input) => [.. input.Projects.Distinct().Select(p => new Projects.ChannelProject { ProjectId = p })];

    /// <summary>The users and groups chosen for each use that is not open to every agent (a list for an open use is not kept).</summary>
    private async Task<List<ChannelGrantee>> GranteesAsync(ChannelInput input, CancellationToken ct)
    {
        var users = await db.UserIdsByEmailAsync((input.UsableAsSender ? [] : input.SenderUsers).Concat(input.UsableAsReplyTo ? [] : input.ReplyToUsers), ct);
        IEnumerable<ChannelGrantee> For(ChannelUse use, bool open, List<string> chosenUsers, List<int> chosenGroups) => open ? [] :
        [
            .. chosenUsers.Select(e => users[UsersByEmail.Normalize(e)]).Distinct().Select(userId => new ChannelGrantee { Use = use, UserId = userId }),
            .. chosenGroups.Distinct().Select(groupId => new ChannelGrantee { Use = use, GroupId = groupId }),
        ];

        return [.. For(ChannelUse.Sender, input.UsableAsSender, input.SenderUsers, input.SenderGroups),
            .. For(ChannelUse.ReplyTo, input.UsableAsReplyTo, input.ReplyToUsers, input.ReplyToGroups)];
    }

    /// <summary>The channel as it would be saved: the input over the stored channel's secrets, without touching the stored one.</summary>
    private EmailChannel Candidate(EmailChannel? stored, ChannelInput input)
    {
        var candidate = new EmailChannel { Id = stored?.Id ?? 0, Name = "", Address = "", ProtectedPassword = stored?.ProtectedPassword };
        candidate.Incoming.ProtectedPassword = stored?.Incoming.ProtectedPassword;
        Apply(input, candidate);
        return candidate;
    }

    /// <summary>A connected mailbox counts only for the login it was connected for.</summary>
    private async Task<ResolvedSender> ResolveAsync(EmailChannel? stored, EmailChannel candidate, CancellationToken ct)
    {
        var sameLogin = stored is not null && (stored.OverrideCredentials, stored.Login) == (candidate.OverrideCredentials, candidate.Login);
        var connected = sameLogin && await db.OAuthGrants.AnyAsync(g => g.Owner == GrantOwner.Channel && g.OwnerId == candidate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        return await resolution.ForUnsavedChannelAsync(candidate, connected, ct);
    }

    /// <summary>
    /// With Mail:RequireTestBeforeSave, a channel's own login whose test fails is not saved; the refusal says why. A channel
    /// on its server's login needs no test of its own (the server's was tested), nor one whose mailbox is still to be connected.
    /// </summary>
    private async Task<Change<EmailChannel>?> UntestedAsync(EmailChannel? stored, EmailChannel candidate, CancellationToken ct)
    {
        if (!rules.RequireTestBeforeSave || !candidate.OverrideCredentials
            || await tester.TestAsync(await ResolveAsync(stored, candidate, ct), null, ct) is not { Report: { Success: false, Diagnostic: { } failed } })
        {
            return null;
        }

        return Change<EmailChannel>.Invalid(SaveRules.FailedTest, SaveRules.Refusal(failed));
    }

    private void Apply(ChannelInput input, EmailChannel channel)
    {
        channel.Name = input.Name.Trim();
        channel.Address = EmailAddresses.Stored(input.Address);
        channel.DisplayName = input.DisplayName.TrimmedOrNull();
        channel.Description = input.Description.TrimmedOrNull();
        channel.IsActive = input.IsActive;
        channel.ServerId = input.ServerId;
        channel.OverrideCredentials = input.OverrideCredentials;
        channel.Username = input.Username.TrimmedOrNull();
        channel.ProtectedPassword = NewSecret(input.Password, input.ClearPassword || !input.OverrideCredentials, channel.ProtectedPassword);
        channel.UsableAsSender = input.UsableAsSender;
        channel.UsableAsReplyTo = input.UsableAsReplyTo;
        channel.CopyToSentFolder = input.CopyToSentFolder.TrimmedOrNull();
        channel.ReadBounces = input.ReadBounces;
        var incoming = input.Incoming;
        var enabled = incoming.Protocol != IncomingProtocol.None;
        channel.Incoming.Protocol = incoming.Protocol;
        channel.Incoming.Host = enabled ? incoming.Host.TrimmedOrNull() : null;
        channel.Incoming.Port = enabled ? incoming.EffectivePort : null;
        channel.Incoming.Security = incoming.Security;
        channel.Incoming.Username = enabled ? incoming.Username.TrimmedOrNull() : null;
        channel.Incoming.AuthMethod = enabled ? incoming.AuthMethod : IncomingAuth.Password;
        channel.Incoming.ProtectedPassword = NewSecret(incoming.Password, incoming.ClearPassword || !enabled || incoming.AuthMethod == IncomingAuth.OAuth2,
            channel.Incoming.ProtectedPassword);
        channel.Version = Guid.NewGuid();
    }

    /// <summary>A new password replaces the stored one; blank keeps it unless it is to be cleared.</summary>
    private string? NewSecret(string? entered, bool clear, string? stored) =>
        !string.IsNullOrEmpty(entered) ? secrets.Protect(entered) : clear ? null : stored;

}
