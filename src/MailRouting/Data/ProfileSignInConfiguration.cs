using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class ProfileSignInConfiguration : IEntityTypeConfiguration<ProfileSignIn>
{
    public void Configure(EntityTypeBuilder<ProfileSignIn> signIn)
    {
        signIn.ToTable("ProfileSignIns");
        signIn.Property(s => s.UserId).HasMaxLength(450);
        signIn.Property(s => s.Target).HasMaxLength(700);
        signIn.HasIndex(s => new { s.UserId, s.At });
        signIn.HasIndex(s => new { s.Target, s.At });
        signIn.HasIndex(s => s.At);
    }
}
