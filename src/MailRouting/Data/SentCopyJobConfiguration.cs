using MailRouting.Outbox;
using MailRouting.Outbox.SentCopy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SentCopyJobConfiguration : IEntityTypeConfiguration<SentCopyJob>
{
    public void Configure(EntityTypeBuilder<SentCopyJob> job)
    {
        job.ToTable("SentCopies");
        job.HasKey(j => j.OutboxMessageId);
        job.HasOne<OutboxMessage>().WithOne().HasForeignKey<SentCopyJob>(j => j.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        job.Property(j => j.Folder).HasMaxLength(250);
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        job.Property(j => j.LeaseOwner).HasMaxLength(100);
        job.Property(j => j.CopiedTo).HasMaxLength(250);
        job.Property(j => j.DiagnosticCode).HasMaxLength(64);
        job.Property(j => j.Diagnostic).HasMaxLength(2000);
        job.Property(j => j.Fix).HasMaxLength(2000);
        // The worker's claim query: due copies in order.
        job.HasIndex(j => new { j.Status, j.NextAttemptAt });
    }
}
