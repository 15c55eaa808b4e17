using FluentValidation;
using MailRouting.Data;
using MailRouting.Secrets;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.OAuth;

/// <summary>Registers, changes, lists and deletes OAuth apps; the client secret is stored protected and never read back.</summary>
public sealed class OAuthAppService(MailRoutingDbContext db, IValidator<OAuthAppInput> validator, SecretProtector secrets, ILogger<OAuthAppService> logger)
{
    public async Task<IReadOnlyList<OAuthAppSummary>> ListAsync(CancellationToken ct) =>
        await Project(db.OAuthApps.AsNoTracking().OrderBy(a => a.Name)).ToListAsync(ct);

    public Task<OAuthAppSummary?> FindAsync(int id, CancellationToken ct) =>
        Project(db.OAuthApps.AsNoTracking().Where(a => a.Id == id)).SingleOrDefaultAsync(ct);

    public async Task<Change<OAuthApp>> SaveAsync(int? id, OAuthAppInput input, CancellationToken ct)
    {
        input.Id = id;
        var app = id is null ? new OAuthApp { Name = "", ClientId = "" } : await db.OAuthApps.FindAsync([id], ct);
        if (app is null)
        {
            return Change<OAuthApp>.NotFound("OAuth app");
        }

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
        if (!string.IsNullOrEmpty(input.ClientSecret))
        {
            app.ProtectedClientSecret = secrets.Protect(input.ClientSecret);
        }

        if (id is null)
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

    private IQueryable<OAuthAppSummary> Project(IQueryable<OAuthApp> apps) => apps.Select(a => new OAuthAppSummary(a.Id, a.Name, a.Provider, a.Tenant,
        a.ClientId, a.ProtectedClientSecret != null, a.Issuer, a.AuthorizationEndpoint, a.TokenEndpoint, a.Scopes,
        db.SmtpServers.Count(s => s.OAuthAppId == a.Id)));
}
