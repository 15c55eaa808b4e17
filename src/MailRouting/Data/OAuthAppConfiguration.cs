using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class OAuthAppConfiguration(string? provider) : IEntityTypeConfiguration<OAuthApp>
{
    public void Configure(EntityTypeBuilder<OAuthApp> app)
    {
        app.Property(a => a.Name).HasMaxLength(100).IgnoringCase(provider);
        app.HasIndex(a => a.Name).IsUnique();
        app.Property(a => a.Provider).HasConversion<string>().HasMaxLength(20);
        app.Property(a => a.Tenant).HasMaxLength(100);
        app.Property(a => a.ClientId).HasMaxLength(200);
        app.Property(a => a.Issuer).HasMaxLength(500);
        app.Property(a => a.AuthorizationEndpoint).HasMaxLength(500);
        app.Property(a => a.TokenEndpoint).HasMaxLength(500);
        app.Property(a => a.Scopes).HasMaxLength(1000);
    }
}
