using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SpentRefreshTokenConfiguration : IEntityTypeConfiguration<SpentRefreshToken>
{
    public void Configure(EntityTypeBuilder<SpentRefreshToken> token)
    {
        token.HasKey(t => t.Hash);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.HasIndex(t => t.ExpiresAt);
    }
}
