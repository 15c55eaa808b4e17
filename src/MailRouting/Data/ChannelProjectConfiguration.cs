using MailRouting.Channels;
using MailRouting.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class ChannelProjectConfiguration : IEntityTypeConfiguration<ChannelProject>
{
    public void Configure(EntityTypeBuilder<ChannelProject> link)
    {
        link.HasKey(l => new { l.ChannelId, l.ProjectId });
        link.HasOne<EmailChannel>().WithMany(c => c.ProjectLinks).HasForeignKey(l => l.ChannelId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
