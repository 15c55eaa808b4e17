using System.Runtime.CompilerServices;
using MailRouting.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

internal sealed class OutboxMessageConfiguration(string? providerName) : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("Outbox");
        message.Property(m => m.MessageId).HasMaxLength(250);
        message.Property(m => m.SenderKind).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.SenderId).HasMaxLength(450);
        message.Property(m => m.CreatedBy).HasMaxLength(450);
        message.Property(m => m.IdempotencyKey).HasMaxLength(200);
        message.Property(m => m.Credentials).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.Login).HasMaxLength(320);
        message.Property(m => m.FromAddress).HasMaxLength(320);
        message.Property(m => m.EnvelopeFrom).HasMaxLength(320);
        message.Property(m => m.Subject).HasMaxLength(1000);
        // The MIME is never changed in place, only replaced: comparing by reference spares a copy of up to 25 MB per tracked message.
        message.Property(m => m.Mime).Metadata.SetValueComparer(new ValueComparer<byte[]>(
            (a, b) => ReferenceEquals(a, b), m => RuntimeHelpers.GetHashCode(m), m => m));
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.LeaseOwner).HasMaxLength(100);
        message.Property(m => m.QueueId).HasMaxLength(100);
        message.ComplexCollection(m => m.Attempts, attempts => attempts.ToJson());
        // The worker's claim query: due messages in order.
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // A bounce finds its message by the Message-ID it quotes.
        message.HasIndex(m => m.MessageId);
        // The Messages list, newest first.
        message.HasIndex(m => m.CreatedAt);
        message.HasIndex(m => new { m.CreatedBy, m.IdempotencyKey }).IsUnique()
            .HasFilter($"{ProviderSql.Column(providerName, nameof(OutboxMessage.IdempotencyKey))} IS NOT NULL");
    }
}
