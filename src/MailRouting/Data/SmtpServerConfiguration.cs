using MailRouting.OAuth;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class SmtpServerConfiguration(string? providerName) : IEntityTypeConfiguration<SmtpServer>
{
    public void Configure(EntityTypeBuilder<SmtpServer> server)
    {
        server.Property(s => s.Name).HasMaxLength(100).IgnoringCase(providerName);
        server.Property(s => s.Host).HasMaxLength(253);
        server.Property(s => s.Username).HasMaxLength(320);
        server.Property(s => s.SenderAddress).HasMaxLength(320);
        server.Property(s => s.BounceAddress).HasMaxLength(320);
        server.Property(s => s.SenderName).HasMaxLength(200);
        server.Property(s => s.ClientName).HasMaxLength(253);
        server.Property(s => s.Description).HasMaxLength(500);
        server.Property(s => s.PinnedCertificateSha256).HasMaxLength(64);
        server.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.Transport).HasConversion<string>().HasMaxLength(16)
            .HasDefaultValue(ServerTransport.Smtp).HasSentinel(ServerTransport.Smtp);
        server.Property(s => s.Security).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.AuthMethod).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.Version).IsConcurrencyToken();
        server.Ignore(s => s.HasPassword);
        server.Property(s => s.LastTestCode).HasMaxLength(40);
        server.Property(s => s.LastTestSummary).HasMaxLength(1000);

        // An app in use by a server cannot be deleted; the refusal says which servers use it.
        server.HasOne<OAuthApp>().WithMany().HasForeignKey(s => s.OAuthAppId).OnDelete(DeleteBehavior.Restrict);
        server.HasIndex(s => s.Name).IsUnique();
        // The database itself refuses a second default or a second Internal server.
        server.HasIndex(s => s.IsDefault).IsUnique().HasFilter($"{ProviderSql.Column(providerName, nameof(SmtpServer.IsDefault))} = {ProviderSql.True(providerName)}");
        server.HasIndex(s => s.Kind).IsUnique().HasFilter($"{ProviderSql.Column(providerName, nameof(SmtpServer.Kind))} = 'Internal'");
    }
}
