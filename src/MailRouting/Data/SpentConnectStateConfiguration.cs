using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SpentConnectStateConfiguration : IEntityTypeConfiguration<SpentConnectState>
{
    public void Configure(EntityTypeBuilder<SpentConnectState> state)
    {
        state.ToTable("SpentConnectStates");
        state.HasKey(s => s.Hash);
        state.Property(s => s.Hash).HasMaxLength(64);
        state.Property(s => s.Owner).HasMaxLength(16);
        state.Property(s => s.OwnerId).HasMaxLength(450);
        state.HasIndex(s => s.ExpiresAt);
    }
}
