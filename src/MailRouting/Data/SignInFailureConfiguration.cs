using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.ToTable("SignInFailures");
        failure.Property(f => f.UserId).HasMaxLength(450);
        failure.Property(f => f.Address).HasMaxLength(64);
        failure.HasIndex(f => new { f.UserId, f.Address, f.At });
        failure.HasIndex(f => f.At);
    }
}
