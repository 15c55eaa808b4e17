using MailRouting.Bounces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class BounceConfiguration(string? providerName) : IEntityTypeConfiguration<Bounce>
{
    public void Configure(EntityTypeBuilder<Bounce> bounce)
    {
        bounce.Property(b => b.Recipient).HasMaxLength(320).IgnoringCase(providerName);
        bounce.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        bounce.Property(b => b.Status).HasMaxLength(16);
        bounce.Property(b => b.Reply).HasMaxLength(1000);
        bounce.Property(b => b.ReportedBy).HasMaxLength(253);
        bounce.Property(b => b.Format).HasConversion<string>().HasMaxLength(16);
        bounce.Property(b => b.MatchedBy).HasConversion<string>().HasMaxLength(16);
        bounce.Property(b => b.OriginalMessageId).HasMaxLength(250);
        bounce.Property(b => b.Subject).HasMaxLength(1000);
        bounce.Property(b => b.From).HasMaxLength(320);
        bounce.Property(b => b.Folder).HasMaxLength(200);
        // A mailbox's message is recorded once, whichever instance reads it first.
        bounce.HasIndex(b => new { b.ChannelId, b.UidValidity, b.Uid, b.Recipient }).IsUnique();
        bounce.HasIndex(b => b.OutboxMessageId);
        bounce.HasIndex(b => new { b.Recipient, b.ReceivedAt });
        bounce.HasIndex(b => b.ReceivedAt);
    }
}
