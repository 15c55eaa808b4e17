using MailRouting.Outbox.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SessionSlotConfiguration : IEntityTypeConfiguration<SessionSlot>
{
    public void Configure(EntityTypeBuilder<SessionSlot> slot)
    {
        slot.ToTable("SessionSlots");
        slot.HasKey(s => new { s.Account, s.Slot });
        slot.Property(s => s.Account).HasMaxLength(64);
        slot.Property(s => s.Login).HasMaxLength(320);
        slot.Property(s => s.Owner).HasMaxLength(100);
        slot.HasIndex(s => s.Owner);
        // The claim query counts a login's slots held by other workers.
        slot.HasIndex(s => new { s.ServerId, s.Login });
    }
}
