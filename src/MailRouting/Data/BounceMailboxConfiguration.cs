using MailRouting.Bounces;
using MailRouting.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class BounceMailboxConfiguration : IEntityTypeConfiguration<BounceMailbox>
{
    public void Configure(EntityTypeBuilder<BounceMailbox> mailbox)
    {
        mailbox.HasKey(m => m.ChannelId);
        mailbox.Property(m => m.ChannelId).ValueGeneratedNever();
        mailbox.HasOne<EmailChannel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        mailbox.Property(m => m.Failure).HasMaxLength(1000);
        mailbox.Property(m => m.Fix).HasMaxLength(1000);
    }
}
