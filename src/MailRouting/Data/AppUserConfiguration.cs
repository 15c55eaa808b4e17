using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.Property(u => u.SmtpUsername).HasMaxLength(320);
        user.HasOne<SmtpServer>().WithMany().HasForeignKey(u => u.ServerId).OnDelete(DeleteBehavior.Restrict);
        user.OwnsOne(u => u.Incoming, IncomingSettingsColumns.Configure);
        user.Navigation(u => u.Incoming).IsRequired();
        user.Property(u => u.CopyToSentFolder).HasMaxLength(200);
        user.Property(u => u.Mobile).HasMaxLength(50);
        user.Property(u => u.Fax).HasMaxLength(50);
    }
}
