using MailRouting.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class UserGroupConfiguration(string? providerName) : IEntityTypeConfiguration<UserGroup>
{
    public void Configure(EntityTypeBuilder<UserGroup> group)
    {
        group.Property(g => g.Name).HasMaxLength(100).IgnoringCase(providerName);
        group.HasIndex(g => g.Name).IsUnique();
        group.Property(g => g.Version).IsConcurrencyToken();
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
