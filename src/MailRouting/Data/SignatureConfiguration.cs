using MailRouting.Signatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> signature)
    {
        signature.Property(s => s.Scope).HasConversion<string>().HasMaxLength(16);
        signature.HasIndex(s => new { s.Scope, s.OwnerId }).IsUnique();
    }
}
