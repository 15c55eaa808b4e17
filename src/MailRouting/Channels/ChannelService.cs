using FluentValidation;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Sending;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Channels;

public sealed class ChannelService(MailRoutingDbContext db, IValidator<ChannelInput> validator, SecretProtector secrets, TimeProvider time,
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

        var channel = new EmailChannel { Name = "", Address = "" };
        Apply(input, channel);
        db.EmailChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Channel {ChannelId} {Address} created", channel.Id, channel.Address);
        return Change<EmailChannel>.Done(channel);
    }

    public async Task<Change<EmailChannel>> UpdateAsync(int id, ChannelInput input, CancellationToken ct)
    {
        var channel = await db.EmailChannels.FindAsync([id], ct);
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

        if (input.Version is { } seen)
        {
            db.Entry(channel).Property(c => c.Version).OriginalValue = seen;
        }

        var signsInAs = (channel.OverrideCredentials, channel.Login);
        Apply(input, channel);
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

    public async Task<IncomingSettings?> IncomingOfAsync(int id, CancellationToken ct) =>
        await db.EmailChannels.AsNoTracking().Where(c => c.Id == id).Select(c => c.Incoming).SingleOrDefaultAsync(ct);

    public async Task<Change<EmailChannel>> DeleteAsync(int id, CancellationToken ct)
    {
        var channel = await db.EmailChannels.FindAsync([id], ct);
        if (channel is null)
        {
            return Change<EmailChannel>.NotFound("channel");
        }

        db.EmailChannels.Remove(channel);
        await db.RemoveGrantAsync(new GrantKey(GrantOwner.Channel, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Channel {ChannelId} {Address} deleted", channel.Id, channel.Address);
        return Change<EmailChannel>.Done(channel);
    }

    private void Apply(ChannelInput input, EmailChannel channel)
    {
        channel.Name = input.Name.Trim();
        channel.Address = input.Address.Trim();
        channel.DisplayName = input.DisplayName.TrimmedOrNull();
        channel.IsActive = input.IsActive;
        channel.ServerId = input.ServerId;
        channel.OverrideCredentials = input.OverrideCredentials;
        channel.Username = input.Username.TrimmedOrNull();
        channel.ProtectedPassword = NewSecret(input.Password, input.ClearPassword || !input.OverrideCredentials, channel.ProtectedPassword);
        channel.UsableAsSender = input.UsableAsSender;
        channel.UsableAsReplyTo = input.UsableAsReplyTo;
        channel.CopyToSentFolder = input.CopyToSentFolder.TrimmedOrNull();
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
