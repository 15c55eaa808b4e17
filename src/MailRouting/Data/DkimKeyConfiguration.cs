using MailRouting.Dkim;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class DkimKeyConfiguration : IEntityTypeConfiguration<DkimKey>
{
    public void Configure(EntityTypeBuilder<DkimKey> key)
    {
        key.Property(k => k.Domain).HasMaxLength(253);
        key.Property(k => k.Selector).HasMaxLength(63);
        key.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(16);
        key.HasIndex(k => new { k.Domain, k.Selector }).IsUnique();
        key.Ignore(k => k.RecordName);
        key.Ignore(k => k.RecordValue);
    }
}
