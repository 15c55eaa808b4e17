using FluentValidation;
using MailRouting.Data;
using MailRouting.Delivery;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MailRouting;

public static class ServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "MailRouting.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "MailRouting.Migrations.SqlServer";

    public static IServiceCollection AddMailRouting(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.From(configuration, contentRoot);
        services.AddSingleton(database);
        services.AddDbContext<MailRoutingDbContext>(options => options.UseMailRoutingDatabase(database));

        services.AddOptions<InternalServerOptions>().Bind(configuration.GetSection(InternalServerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InternalServerOptions>, InternalServerOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<SmtpConnectionTester>();
        services.AddValidatorsFromAssemblyContaining<SmtpServerInputValidator>(ServiceLifetime.Scoped);
        services.AddScoped<SmtpServerService>();
        services.AddScoped<InternalServerSeeder>();
        services.AddScoped<AdminSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static DbContextOptionsBuilder UseMailRoutingDatabase(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly)),
            _ => options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
        };
}
