using MailRouting.Bounces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SuppressionConfiguration(string? providerName) : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> suppression)
    {
        suppression.Property(s => s.Address).HasMaxLength(320).IgnoringCase(providerName);
        suppression.Property(s => s.Reason).HasConversion<string>().HasMaxLength(16);
        suppression.Property(s => s.Detail).HasMaxLength(1000);
        suppression.Property(s => s.RemovedBy).HasMaxLength(256);
        suppression.Property(s => s.RemovalReason).HasMaxLength(500);
        suppression.Ignore(s => s.IsActive);
        suppression.HasIndex(s => new { s.Address, s.RemovedAt });
        suppression.HasIndex(s => s.Since);
    }
}
