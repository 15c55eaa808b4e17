using FluentValidation;
using MailRouting.Data;
using MailRouting.Secrets;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailRouting.OAuth;

/// <summary>Registers, changes, lists and deletes OAuth apps; the client secret is stored protected and never read back.</summary>
public sealed class OAuthAppService(MailRoutingDbContext db, IValidator<OAuthAppInput> validator, SecretProtector secrets, ConfiguredOAuthApps configured,
    ILogger<OAuthAppService> logger)
{
    public async Task<IReadOnlyList<OAuthAppSummary>> ListAsync(CancellationToken ct) =>
        [.. (await Project(db.OAuthApps.AsNoTracking().OrderBy(a => a.Name)).ToListAsync(ct)).Select(Marked)];

    public async Task<OAuthAppSummary?> FindAsync(int id, CancellationToken ct) =>
        await Project(db.OAuthApps.AsNoTracking().Where(a => a.Id == id)).SingleOrDefaultAsync(ct) is { } app ? Marked(app) : null;

    /// <summary>Registers or changes an app from the page or the API; apps from configuration are changed only there.</summary>
    public async Task<Change<OAuthApp>> SaveAsync(int? id, OAuthAppInput input, CancellationToken ct)
    {
        var app = id is null ? new OAuthApp { Name = "", ClientId = "" } : await db.OAuthApps.FindAsync([id], ct);
        if (app is null)
        {
            return Change<OAuthApp>.NotFound("OAuth app");
        }

        if (configured.Contains(app.Name) || configured.Contains(input.Name.Trim()))
        {
            return Change<OAuthApp>.Refused(FromConfiguration(configured.Contains(app.Name) ? app.Name : input.Name.Trim()));
        }

        return await StoreAsync(app, input, ct);
    }

    /// <summary>At start: every app in OAuth:Apps is created or brought in line with configuration, with the same rules as the page.</summary>
    /// <exception cref="OptionsValidationException">A configured app is invalid; the message names its settings.</exception>
    public async Task SyncConfiguredAsync(CancellationToken ct)
    {
        foreach (var input in configured.Apps)
        {
            var app = await db.OAuthApps.SingleOrDefaultAsync(a => a.Name == input.Name, ct) ?? new OAuthApp { Name = "", ClientId = "" };
            var change = await StoreAsync(app, input, ct);
            if (change.Outcome != ChangeOutcome.Done)
            {
                throw new OptionsValidationException(ConfiguredOAuthApps.Section, typeof(ConfiguredOAuthApps),
                    change.Errors!.SelectMany(e => e.Value.Select(message => $"{ConfiguredOAuthApps.Section}:{input.Name}:{e.Key}: {message}")));
            }
        }
    }

    private async Task<Change<OAuthApp>> StoreAsync(OAuthApp app, OAuthAppInput input, CancellationToken ct)
    {
        input.Id = app.Id == 0 ? null : app.Id;

        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            return Change<OAuthApp>.Invalid(result.ToDictionary().AsReadOnly());
        }

        app.Name = input.Name.Trim();
        app.Provider = input.Provider;
        app.ClientId = input.ClientId.Trim();
        app.Tenant = input.Provider == OAuthProvider.Microsoft365 ? input.Tenant.TrimmedOrNull() : null;
        app.Issuer = input.Provider == OAuthProvider.Other ? input.Issuer.TrimmedOrNull() : null;
        app.AuthorizationEndpoint = input.Provider == OAuthProvider.Other ? input.AuthorizationEndpoint.TrimmedOrNull() : null;
        app.TokenEndpoint = input.Provider == OAuthProvider.Other ? input.TokenEndpoint.TrimmedOrNull() : null;
        app.Scopes = input.Provider == OAuthProvider.Other ? input.Scopes.TrimmedOrNull() : null;
        app.ClientSecretExpiresOn = input.ClientSecretExpiresOn;
        app.ConnectionLifetimeDays = input.ConnectionLifetimeDays;
        if (!string.IsNullOrEmpty(input.ClientSecret))
        {
            app.ProtectedClientSecret = secrets.Protect(input.ClientSecret);
        }

        if (input.Id is null)
        {
            db.OAuthApps.Add(app);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("OAuth app {AppId} '{Name}' ({Provider}) saved", app.Id, app.Name, app.Provider);
        return Change<OAuthApp>.Done(app);
    }

    public async Task<Change<OAuthApp>> DeleteAsync(int id, CancellationToken ct)
    {
        var app = await db.OAuthApps.FindAsync([id], ct);
        if (app is null)
        {
            return Change<OAuthApp>.NotFound("OAuth app");
        }

        if (configured.Contains(app.Name))
        {
            return Change<OAuthApp>.Refused(FromConfiguration(app.Name));
        }

        var servers = await db.SmtpServers.Where(s => s.OAuthAppId == id).Select(s => s.Name).ToListAsync(ct);
        if (servers.Count > 0)
        {
            return Change<OAuthApp>.Refused($"The OAuth app '{app.Name}' is used by the servers {string.Join(", ", servers)}. Switch them to another app or sign-in method first.");
        }

        db.OAuthGrants.RemoveRange(db.OAuthGrants.Where(g => g.AppId == id));
        db.OAuthApps.Remove(app);
        await db.SaveChangesAsync(ct);
        return Change<OAuthApp>.Done(app);
    }

    private static string FromConfiguration(string name) =>
        $"The OAuth app '{name}' comes from configuration ({ConfiguredOAuthApps.Section}:{name}); change it there.";

    private OAuthAppSummary Marked(OAuthAppSummary app) => configured.Contains(app.Name) ? app with { FromConfiguration = true } : app;

    private IQueryable<OAuthAppSummary> Project(IQueryable<OAuthApp> apps) => apps.Select(a => new OAuthAppSummary(a.Id, a.Name, a.Provider, a.Tenant,
        a.ClientId, a.ProtectedClientSecret != null, a.Issuer, a.AuthorizationEndpoint, a.TokenEndpoint, a.Scopes,
        db.SmtpServers.Count(s => s.OAuthAppId == a.Id), false, a.ClientSecretExpiresOn, a.ConnectionLifetimeDays));
}
