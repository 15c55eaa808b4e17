using MailRouting.Channels;
using MailRouting.Groups;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class ChannelGranteeConfiguration : IEntityTypeConfiguration<ChannelGrantee>
{
    public void Configure(EntityTypeBuilder<ChannelGrantee> grantee)
    {
        grantee.Property(g => g.Use).HasConversion<string>().HasMaxLength(8);
        grantee.HasIndex(g => new { g.ChannelId, g.Use });
        grantee.HasOne<EmailChannel>().WithMany(c => c.Grantees).HasForeignKey(g => g.ChannelId).OnDelete(DeleteBehavior.Cascade);
        grantee.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grantee.HasOne<UserGroup>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
