using System.Text.Json.Serialization;
using MailRouting.Data;
using MailRouting.Users;
using MailRouting.Web.Account;
using MailRouting.Web.Api;
using MailRouting.Web.Forms;
using MailRouting.Web.Layout;
using MailRouting.Web.Mailboxes;
using MailRouting.Web.Security;
using MailRouting.Web.Workers;
using Microsoft.AspNetCore.Identity;
using Serilog;

namespace MailRouting.Web.Infrastructure;

public static class WebSetup
{
    public static IServiceCollection AddMailRoutingWeb(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<PlainIdentityErrors>()
            .AddEntityFrameworkStores<MailRoutingDbContext>()
            .AddSignInManager<UniformSignInManager>();
        // Pages sign in with the cookie; the API's policy names the bearer scheme itself.
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "MailRouting";
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAuthorization(Policies.Add);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CurrentSessionHandler>();
        services.AddRazorPages(pages =>
        {
            pages.Conventions.ConfigureFilter(new UnknownHandlerFilter());
            pages.Conventions.AllowAnonymousToPage("/Account/Login");
            pages.Conventions.AuthorizeFolder("/SmtpServers", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Readiness", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Dkim", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Audit", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Bounces", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Suppressions", Policies.ServerReader);
            pages.Conventions.AuthorizePage("/SmtpServers/Edit", Policies.Admin);
            pages.Conventions.AuthorizeFolder("/Channels", Policies.ServerReader);
            pages.Conventions.AuthorizePage("/Channels/Edit", Policies.Admin);
            pages.Conventions.AuthorizeFolder("/Users", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Groups", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Signatures", Policies.ServerReader);
            pages.Conventions.AuthorizeFolder("/Projects", Policies.ServerReader);
            pages.Conventions.AuthorizePage("/Users/Create", Policies.Admin);
            pages.Conventions.AuthorizePage("/Users/Edit", Policies.Admin);
            pages.Conventions.AuthorizePage("/Users/Account", Policies.Admin);
            pages.Conventions.AuthorizeFolder("/Compose", Policies.Sender);
            pages.Conventions.AuthorizeFolder("/OAuthApps", Policies.Admin);
        }).AddMvcOptions(mvc => mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        // Malformed JSON (an unknown enum value, a string for a number) becomes a 400 that says what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddScoped<AccountBanner>();
        services.AddScoped<ConnectLinks>();
        services.AddScoped<MailboxPageActions>();
        services.AddHostedService<DeliveryWorker>();
        services.AddHostedService<SentCopyWorker>();
        services.AddHostedService<RoutingChangeListener>();
        services.AddHostedService<AuditRetentionWorker>();
        services.AddHostedService<BounceWorker>();
        services.AddHttpContextAccessor();
        services.AddScoped<MailRouting.Audit.IAuditActor, Audit.SignedInActor>();
        services.AddProblemDetails();
        services.AddOpenApi(OpenApiConventions.Configure);
        services.AddHealthChecks().AddDbContextCheck<MailRoutingDbContext>("database");
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        return services;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var firstAdmin = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        if (firstAdmin is { GeneratedPassword: { } password })
        {
            // Written to the console only, never to the log file: it is shown once so the admin can sign in and change it.
            Console.WriteLine($"""

                ============================================================
                 First admin created: {firstAdmin.Email}
                 Password (shown once): {password}
                 Set {AdminSeeder.EmailVariable} / {AdminSeeder.PasswordVariable} to choose them.
                ============================================================

                """);
        }
    }

    public static WebApplication UseMailRoutingWeb(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseMiddleware<SecurityHeaders>();
        // The API answers errors with problem details; pages with a page in the layout and a way back.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error/{0}");
        });
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseMiddleware<BadRequests>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api") && LiveTestProgress.IsWanted(context),
            live => live.UseMiddleware<LiveTestProgress>());

        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapSmtpServerEndpoints();
        api.MapCredentialHealthEndpoints();
        api.MapReadinessEndpoints();
        api.MapChannelEndpoints();
        api.MapGroupEndpoints();
        api.MapSignatureEndpoints();
        api.MapProjectEndpoints();
        api.MapResolveEndpoints();
        api.MapDeliverabilityEndpoints();
        api.MapDkimEndpoints();
        api.MapServerPresetEndpoints();
        api.MapAuditEndpoints();
        api.MapBounceEndpoints();
        api.MapUserEndpoints();
        api.MapUserAccountEndpoints();
        api.MapMessageEndpoints();
        api.MapOAuthEndpoints();
        app.MapFallback("/api/{**path}", UnknownOperation.Answer).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
