using MailRouting.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.ActorAddress).HasMaxLength(64);
        entry.Property(e => e.Kind).HasMaxLength(32);
        entry.Property(e => e.Subject).HasMaxLength(320);
        entry.Property(e => e.SubjectId).HasMaxLength(128);
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        entry.HasIndex(e => e.At);
    }
}
