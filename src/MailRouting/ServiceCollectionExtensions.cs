using System.Security.Cryptography.X509Certificates;
using FluentValidation;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Outbox.Intake;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MailRouting;

public static class ServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "MailRouting.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "MailRouting.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "MailRouting.Migrations.PostgreSql";

    public static IServiceCollection AddMailRouting(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.From(configuration, contentRoot);
        services.AddSingleton(database);
        services.AddSingleton(sp => new RoutingCache(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(configuration.GetValue<double?>("Routing:CacheSeconds") ?? 2)));
        services.AddDbContext<MailRoutingDbContext>((sp, options) => options.UseMailRoutingDatabase(database)
            .AddInterceptors(new RoutingChangeWatcher(sp.GetRequiredService<RoutingCache>(),
                sp.GetRequiredService<RoutingChangeBroadcast>()),
                new Audit.AuditTrail(sp.GetService<Audit.IAuditActor>() ?? new Audit.SystemActor(),
                    sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<RoutingChangeBroadcast>();

        services.AddOptions<InternalServerOptions>().Bind(configuration.GetSection(InternalServerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InternalServerOptions>, InternalServerOptionsValidator>();

        services.AddMailRoutingDataProtection(configuration, contentRoot);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ApiConnectionTester>();
        services.AddSingleton<SmtpConnectionTester>();
        services.AddSingleton<SignInTester>();
        // The send validator is built once: each construction compiles its rules,
        // which cost a request more than its validation.
        services.AddSingleton<IValidator<SendRequest>, SendRequestValidator>();
        services.AddValidatorsFromAssemblyContaining<SmtpServerInputValidator>(ServiceLifetime.Scoped,
            filter: found => found.ValidatorType != typeof(SendRequestValidator));
        services.AddScoped<SmtpServerService>();
        services.AddSingleton<TestedSettings>();
        services.AddScoped<SmtpServerQueries>();
        services.AddScoped<ChannelService>();
        services.AddScoped<ChannelAccessRules>();
        services.AddScoped<Groups.GroupService>();
        services.AddScoped<Groups.GroupQueries>();
        services.AddScoped<Signatures.SignatureService>();
        services.AddScoped<ContactDetails>();
        services.AddScoped<Projects.ProjectContexts>();
        services.AddScoped<Projects.ProjectService>();
        services.AddScoped<Projects.ProjectQueries>();
        services.AddScoped<ChannelQueries>();
        services.AddScoped<UserMailService>();
        services.AddScoped<UserMailboxPolicy>();
        services.AddScoped<RefreshTokenLedger>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<OwnPasswordCheck>();
        services.AddScoped<ProfileSignIns>();
        services.AddScoped<SignInFailures>();
        services.AddScoped<OwnSignInTests>();
        services.AddSingleton(new SenderNameFormat(
            configuration["Mail:SenderNameFormat"] is { Length: > 0 } format ? format : SenderNameFormat.Default,
            configuration["Mail:Organization"] ?? ""));
        services.AddSingleton<SenderResolver>();
        services.AddScoped<SenderResolution>();
        services.AddScoped<SenderTester>();
        services.AddScoped<MailboxLogins>();
        services.AddScoped<IncomingTester>();
        services.AddSingleton<ISmtpConnector, NetworkSmtpConnector>();
        services.AddSingleton(SendingOptions.From(configuration));
        services.AddSingleton(AttachmentRules.From(configuration));
        services.AddSingleton<LargeMessageMemory>();
        services.AddSingleton(WorkerIdentity.ForThisInstance());
        services.AddScoped<SendContexts>();
        services.AddScoped<MessageAssembly>();
        services.AddScoped<IntakeStore>();
        services.AddScoped<MessageIntake>();
        services.AddScoped<MessageRetry>();
        services.AddSingleton(OAuthOptions.From(configuration));
        services.AddSingleton(ConfiguredOAuthApps.From(configuration));
        services.AddSingleton(SaveRules.From(configuration));
        services.AddSingleton<ProviderClient>();
        services.AddSingleton<AppTokens>();
        services.AddSingleton<RefreshLocks>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<SignInSecrets>();
        services.AddScoped<GrantTargets>();
        services.AddScoped<MailboxConnections>();
        services.AddScoped<MailboxConnectionQueries>();
        services.AddScoped<OAuthAppService>();
        services.AddSingleton<OutboxSignal>();
        services.AddDeliveryPass();
        services.AddScoped<Outbox.SentCopy.SentCopyClaims>();
        services.AddScoped<Outbox.SentCopy.SentCopyRunner>();
        services.AddScoped<SenderChoices>();
        services.AddScoped<MessageQueries>();
        services.AddScoped<BulkRetry>();
        services.AddScoped<Overview.ActionList>();
        services.AddScoped<Overview.SetupChecklist>();
        services.AddScoped<Health.GrantOwners>();
        services.AddScoped<Health.OutboxTrouble>();
        services.AddScoped<Health.ICredentialCheck, Health.ExpiringSecrets>();
        services.AddScoped<Health.ICredentialCheck, Health.IdleConnections>();
        services.AddScoped<Health.ICredentialCheck, Health.RefusedSignIns>();
        services.AddScoped<Health.ICredentialCheck, Health.ThrottledMailboxes>();
        services.AddScoped<Health.CredentialHealth>();
        services.AddScoped<Health.CredentialWarningWatch>();
        services.AddScoped<Readiness.ReadinessReport>();
        services.AddScoped<Readiness.SenderMoves>();
        services.AddScoped<Readiness.ServerProbe>();
        services.AddSingleton(Deliverability.DnsSettings.From(configuration));
        services.AddSingleton<Deliverability.IDomainRecords, Deliverability.DnsDomainRecords>();
        services.AddSingleton<Deliverability.DmarcLookup>();
        services.AddSingleton<Deliverability.LandingCheck>();
        services.AddSingleton<Dkim.DkimSigners>();
        services.AddSingleton<Dkim.DkimRecordCheck>();
        services.AddSingleton(Audit.AuditRetention.Options.From(configuration));
        services.AddScoped<Audit.AuditRetention>();
        services.AddScoped<Audit.AuditQueries>();
        services.AddSingleton(Options.Create(Bounces.BounceOptions.From(configuration)));
        services.AddSingleton<Bounces.Reading.BounceSignal>();
        services.AddScoped<Bounces.BounceMatcher>();
        services.AddScoped<Bounces.BounceRecorder>();
        services.AddScoped<Bounces.Reading.BounceMailboxReader>();
        services.AddScoped<Bounces.SuppressionList>();
        services.AddScoped<Bounces.BounceQueries>();
        services.AddSingleton(Servers.Detection.DetectionOptions.From(configuration));
        services.AddSingleton<Servers.Detection.NetworkGuard>();
        services.AddSingleton<Servers.Detection.SettingsDetection>();
        services.AddHttpClient(Servers.Detection.SettingsDetection.AutoconfigClient)
            .ConfigurePrimaryHttpMessageHandler(sp => new System.Net.Http.SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = async (context, ct) => new System.Net.Sockets.NetworkStream(
                    await sp.GetRequiredService<Servers.Detection.NetworkGuard>().ConnectAsync(context.DnsEndPoint.Host,
                        context.DnsEndPoint.Port, ct), ownsSocket: true),
            });
        services.AddScoped<Dkim.DkimKeyService>();
        services.AddScoped<DeliveryStatus>();
        services.AddMetrics();
        services.AddSingleton<DeliveryMetrics>();
        services.AddScoped<InternalServerSeeder>();
        services.AddScoped<AdminSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// Keys live in the database so every instance shares them; DataProtection:CertificatePath (a PFX) encrypts them at
    /// rest.
    /// </summary>
    private static void AddMailRoutingDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("MailRouting").PersistKeysToDbContext<MailRoutingDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(contentRoot, path), configuration["DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
    }

    public static DbContextOptionsBuilder UseMailRoutingDatabase(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(new SqliteConnectionSettings()),
        };
}
