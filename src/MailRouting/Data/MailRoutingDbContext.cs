using MailRouting.Channels;
using MailRouting.Groups;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.SentCopy;
using MailRouting.Projects;
using MailRouting.Servers;
using MailRouting.Signatures;
using MailRouting.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Data;

public sealed class MailRoutingDbContext(DbContextOptions<MailRoutingDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<SmtpServer> SmtpServers => Set<SmtpServer>();

    public DbSet<EmailChannel> EmailChannels => Set<EmailChannel>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SpentRefreshToken> SpentRefreshTokens => Set<SpentRefreshToken>();

    public DbSet<OAuthApp> OAuthApps => Set<OAuthApp>();

    public DbSet<OAuthGrant> OAuthGrants => Set<OAuthGrant>();

    public DbSet<UserGroup> UserGroups => Set<UserGroup>();

    public DbSet<UserGroupMember> UserGroupMembers => Set<UserGroupMember>();

    public DbSet<ChannelGrantee> ChannelGrantees => Set<ChannelGrantee>();

    public DbSet<Signature> Signatures => Set<Signature>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    public DbSet<ChannelProject> ChannelProjects => Set<ChannelProject>();

    public DbSet<SessionSlot> SessionSlots => Set<SessionSlot>();

    public DbSet<SentCopyJob> SentCopies => Set<SentCopyJob>();

    public DbSet<SpentConnectState> SpentConnectStates => Set<SpentConnectState>();

    public DbSet<ProfileSignIn> ProfileSignIns => Set<ProfileSignIn>();

    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    public DbSet<Dkim.DkimKey> DkimKeys => Set<Dkim.DkimKey>();

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Bounces.Bounce> Bounces => Set<Bounces.Bounce>();

    public DbSet<Bounces.Suppression> Suppressions => Set<Bounces.Suppression>();

    public DbSet<Bounces.BounceMailbox> BounceMailboxes => Set<Bounces.BounceMailbox>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (Database.ProviderName == ProviderSql.PostgreSql)
        {
            builder.HasPostgresExtension("citext");
        }

        builder.ApplyConfiguration(new SmtpServerConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new EmailChannelConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new AppUserConfiguration());
        builder.ApplyConfiguration(new OutboxMessageConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new SpentRefreshTokenConfiguration());
        builder.ApplyConfiguration(new OAuthAppConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new OAuthGrantConfiguration());
        builder.ApplyConfiguration(new UserGroupConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new UserGroupMemberConfiguration());
        builder.ApplyConfiguration(new ChannelGranteeConfiguration());
        builder.ApplyConfiguration(new SignatureConfiguration());
        builder.ApplyConfiguration(new DkimKeyConfiguration());
        builder.ApplyConfiguration(new AuditEntryConfiguration());
        builder.ApplyConfiguration(new BounceConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new SuppressionConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new BounceMailboxConfiguration());
        builder.ApplyConfiguration(new ProjectConfiguration(Database.ProviderName));
        builder.ApplyConfiguration(new ProjectMemberConfiguration());
        builder.ApplyConfiguration(new ChannelProjectConfiguration());
        builder.ApplyConfiguration(new SessionSlotConfiguration());
        builder.ApplyConfiguration(new SentCopyJobConfiguration());
        builder.ApplyConfiguration(new SpentConnectStateConfiguration());
        builder.ApplyConfiguration(new ProfileSignInConfiguration());
        builder.ApplyConfiguration(new SignInFailureConfiguration());
    }
}
