using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MailRouting.TestAuthServer;

/// <summary>
/// A real OAuth2 / OpenID Connect authorization server (OpenIddict) on loopback: sign-in and consent page,
/// authorization code with PKCE, rotating refresh tokens with no reuse leeway, revocation and introspection (which
/// Dovecot calls to check the tokens MailRouting presents over SMTP), and client credentials for the app's own token
/// (its subject is the client id).
/// </summary>
public sealed class TestAuthorizationServer : IAsyncDisposable
{
    public const string ClientId = "mailrouting";
    public const string ClientSecret = "mailrouting-client-secret-7";
    public const string IntrospectionClientId = "dovecot";
    public const string IntrospectionClientSecret = "dovecot-secret-8";
    public const string MailScope = "mail";

    private readonly WebApplication app;

    private TestAuthorizationServer(WebApplication app, Uri issuer, TokenRequestCounter tokenRequests, ConcurrentBag<string> issued)
    {
        this.app = app;
        Issuer = issuer;
        TokenRequests = tokenRequests;
        IssuedTokens = issued;
    }

    public Uri Issuer { get; }
    public TokenRequestCounter TokenRequests { get; }

    /// <summary>Every access, refresh and ID token handed out, so tests can prove none is ever stored or shown in plain text.</summary>
    public IReadOnlyCollection<string> IssuedTokens { get; }

    public static async Task<TestAuthorizationServer> StartAsync(TestAuthorizationServerOptions options)
    {
        var issuer = new Uri($"http://127.0.0.1:{options.Port}/");
        var counter = new TokenRequestCounter();
        var issued = new ConcurrentBag<string>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls(issuer.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<AuthServerDbContext>(db =>
        {
            db.UseSqlite($"Data Source={Path.Combine(options.Folder, $"authorization-server-{options.Port}.db")}");
            db.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthServerDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.OfflineAccess, MailScope);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime).SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.UseReferenceAccessTokens();
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler =>
                    handler.UseInlineHandler(IssueAppToken));
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler.UseInlineHandler(context =>
                {
                    foreach (var token in new[] { context.Response.AccessToken, context.Response.RefreshToken, context.Response.IdToken }.OfType<string>())
                    {
                        issued.Add(token);
                    }

                    return default;
                }));
            });

        var app = builder.Build();
        await SeedAsync(app.Services, options);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/connect/token" && context.Request.HasFormContentType)
            {
                counter.Count((await context.Request.ReadFormAsync()).TryGetValue(Parameters.GrantType, out var grant) ? grant.ToString() : null);
            }

            await next();
        });
        // OpenIddict answers from the authentication middleware, so that comes after the counting.
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)((HttpContext context) => AuthorizeAsync(context, options.Accounts)));
        await app.StartAsync();
        return new TestAuthorizationServer(app, issuer, counter, issued);
    }

    /// <summary>What an account's owner does at the provider when access should end: every grant and token for it is revoked.</summary>
    public async Task RevokeAsync(string account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(account))
        {
            await authorizations.TryRevokeAsync(authorization);
        }

        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        await foreach (var token in tokens.FindBySubjectAsync(account))
        {
            await tokens.TryRevokeAsync(token);
        }
    }

    /// <summary>Registers one more redirect URI for the MailRouting client, as an admin would at the provider (an app on a port chosen at run time).</summary>
    public async Task AllowRedirectUriAsync(Uri uri)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await applications.FindByClientIdAsync(ClientId) ?? throw new InvalidOperationException("The MailRouting client is not registered.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, client);
        if (descriptor.RedirectUris.Add(uri))
        {
            await applications.UpdateAsync(client, descriptor);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// The app's own token: its subject is the app, so a resource server can tell it from a mailbox's.
    /// </summary>
    private static ValueTask IssueAppToken(OpenIddictServerEvents.HandleTokenRequestContext context)
    {
        if (context.Request.IsClientCredentialsGrantType())
        {
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name,
                Claims.Role);
            identity.SetClaim(Claims.Subject, context.ClientId).SetClaim(Claims.Name, context.ClientId);
            identity.SetScopes(context.Request.GetScopes());
            identity.SetResources(IntrospectionClientId);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            context.SignIn(new ClaimsPrincipal(identity));
        }

        return default;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IReadOnlyDictionary<string, string> accounts)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an authorization request.");
        var form = HttpMethods.IsPost(context.Request.Method) ? await context.Request.ReadFormAsync() : null;
        var carried = request.GetParameters()
            .Where(p => p.Key is not ("username" or "password" or "consent"))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value));
        if (form is null || !form.ContainsKey("consent"))
        {
            return Results.Content(SignInPage.Render(carried, null), "text/html");
        }

        if (form["consent"] != "allow")
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?> { [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var account = form["username"].ToString();
        if (!accounts.TryGetValue(account, out var password) || password != form["password"])
        {
            return Results.Content(SignInPage.Render(carried, "That email and password do not match."), "text/html");
        }

        var identity = new ClaimsIdentity("TestAuthorizationServer", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account).SetClaim(Claims.Email, account).SetClaim(Claims.Name, account);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(IntrospectionClientId);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task SeedAsync(IServiceProvider services, TestAuthorizationServerOptions options)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthServerDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "MailRouting",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + MailScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.RedirectUris)
        {
            client.RedirectUris.Add(uri);
        }

        await applications.CreateAsync(client);
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = IntrospectionClientId,
            ClientSecret = IntrospectionClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Introspection },
        });
    }
}
