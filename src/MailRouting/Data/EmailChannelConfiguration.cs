using MailRouting.Channels;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class EmailChannelConfiguration(string? providerName) : IEntityTypeConfiguration<EmailChannel>
{
    public void Configure(EntityTypeBuilder<EmailChannel> channel)
    {
        channel.Property(c => c.Name).HasMaxLength(100);
        channel.Property(c => c.Address).HasMaxLength(320).IgnoringCase(providerName);
        channel.Property(c => c.DisplayName).HasMaxLength(200);
        channel.Property(c => c.Description).HasMaxLength(500);
        channel.Property(c => c.Username).HasMaxLength(320);
        channel.Property(c => c.Version).IsConcurrencyToken();
        channel.HasIndex(c => c.Address).IsUnique();
        channel.HasIndex(c => c.Name);
        // A server chosen explicitly cannot disappear underneath its channels.
        channel.HasOne<SmtpServer>().WithMany().HasForeignKey(c => c.ServerId).OnDelete(DeleteBehavior.Restrict);
        channel.OwnsOne(c => c.Incoming, IncomingSettingsColumns.Configure);
        channel.Navigation(c => c.Incoming).IsRequired();
        channel.Property(c => c.CopyToSentFolder).HasMaxLength(200);
    }
}

/// <summary>The columns of a channel's or user's incoming mailbox.</summary>
internal static class IncomingSettingsColumns
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, IncomingSettings> incoming)
        where TOwner : class
    {
        incoming.Property(i => i.Protocol).HasConversion<string>().HasMaxLength(8);
        incoming.Property(i => i.Security).HasConversion<string>().HasMaxLength(16);
        incoming.Property(i => i.AuthMethod).HasConversion<string>().HasMaxLength(16).HasDefaultValue(IncomingAuth.Password).HasSentinel(IncomingAuth.Password);
        incoming.Property(i => i.Host).HasMaxLength(253);
        incoming.Property(i => i.Username).HasMaxLength(320);
    }
}
