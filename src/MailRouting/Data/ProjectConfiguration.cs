using MailRouting.Channels;
using MailRouting.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class ProjectConfiguration(string? providerName) : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.Name).HasMaxLength(100).IgnoringCase(providerName);
        project.HasIndex(p => p.Name).IsUnique();
        project.Property(p => p.Version).IsConcurrencyToken();
        project.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // A channel that is some project's default cannot be deleted from under it; the channel page says so.
        project.HasOne<EmailChannel>().WithMany().HasForeignKey(p => p.DefaultSenderChannelId).OnDelete(DeleteBehavior.Restrict);
        project.HasOne<EmailChannel>().WithMany().HasForeignKey(p => p.DefaultReplyToChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}
