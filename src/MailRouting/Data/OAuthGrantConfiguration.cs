using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class OAuthGrantConfiguration : IEntityTypeConfiguration<OAuthGrant>
{
    public void Configure(EntityTypeBuilder<OAuthGrant> grant)
    {
        grant.Property(g => g.Owner).HasConversion<string>().HasMaxLength(10);
        grant.Property(g => g.OwnerId).HasMaxLength(450);
        grant.HasIndex(g => new { g.Owner, g.OwnerId }).IsUnique();
        grant.HasOne<OAuthApp>().WithMany().HasForeignKey(g => g.AppId).OnDelete(DeleteBehavior.Restrict);
        grant.Property(g => g.Account).HasMaxLength(320);
        grant.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        grant.Property(g => g.Problem).HasMaxLength(500);
        grant.Property(g => g.RefreshLeaseOwner).HasMaxLength(200);
    }
}
