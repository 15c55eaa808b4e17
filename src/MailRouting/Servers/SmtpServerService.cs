using FluentValidation;
using MailRouting.Connections;
using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Servers;

/// <summary>Creates, changes, deletes and tests SMTP servers, enforcing the rules of DESIGN §1.</summary>
public sealed class SmtpServerService(
    MailRoutingDbContext db,
    IValidator<SmtpServerInput> validator,
    SecretProtector secrets,
    SignInSecrets signIns,
    SignInTester tester,
    TimeProvider time,
    RoutingCache routing,
    SaveRules rules,
    ILogger<SmtpServerService> logger)
{
    public async Task<Change<SmtpServer>> CreateAsync(SmtpServerInput input, CancellationToken ct)
    {
        input.Id = null;
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var server = new SmtpServer { Name = "", Host = "", SenderAddress = "", Kind = ServerKind.Custom };
        Apply(input, server);
        if (await UntestedAsync(server, ct) is { } untested)
        {
            return untested;
        }

        db.SmtpServers.Add(server);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("SMTP server {ServerId} '{Name}' created", server.Id, server.Name);
        return Change<SmtpServer>.Done(server);
    }

    public async Task<Change<SmtpServer>> UpdateAsync(int id, SmtpServerInput input, CancellationToken ct)
    {
        var server = await db.SmtpServers.FindAsync([id], ct);
        if (server is null)
        {
            return Change<SmtpServer>.NotFound("server");
        }

        if (server.Kind == ServerKind.Internal)
        {
            return Change<SmtpServer>.Refused("The Internal server is configured by the system administrator (Mail:Internal) and cannot be changed here.");
        }

        input.Id = id;
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        if (input.Version is { } seen)
        {
            db.Entry(server).Property(s => s.Version).OriginalValue = seen;
        }

        var signedInAs = (server.AuthMethod, server.OAuthAppId, server.Username, server.Transport);
        Apply(input, server);
        if (await UntestedAsync(server, ct) is { } untested)
        {
            return untested;
        }

        if (signedInAs != (server.AuthMethod, server.OAuthAppId, server.Username, server.Transport))
        {
            // A connected mailbox belongs to one app and one login: a different one must be connected anew.
            await db.RemoveGrantAsync(GrantKey.ForServer(id), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Change<SmtpServer>.Conflict("server");
        }

        await db.ReleaseForServerAsync(server.Id, time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("SMTP server {ServerId} '{Name}' changed", server.Id, server.Name);
        return Change<SmtpServer>.Done(server);
    }

    /// <param name="moveToDefault">Moves the channels and users that chose this server to the default first.</param>
    public async Task<Change<SmtpServer>> DeleteAsync(int id, bool moveToDefault, CancellationToken ct)
    {
        var server = await db.SmtpServers.FindAsync([id], ct);
        if (server is null)
        {
            return Change<SmtpServer>.NotFound("server");
        }

        if (server.Kind == ServerKind.Internal)
        {
            return Change<SmtpServer>.Refused("The Internal server is built in and cannot be deleted.");
        }

        if (server.IsDefault)
        {
            return Change<SmtpServer>.Refused($"'{server.Name}' is the default server. Make another server the default first, then delete this one.");
        }

        if (await db.SmtpServers.Where(s => s.FallbackServerId == id).Select(s => s.Name).FirstOrDefaultAsync(ct)
            is { } relying)
        {
            return Change<SmtpServer>.Refused($"'{server.Name}' is the fallback of '{relying}'. Choose another "
                + "fallback (or none) on that server's page first.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (moveToDefault)
        {
            await db.EmailChannels.Where(c => c.ServerId == id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ServerId, (int?)null), ct);
            await db.Users.Where(u => u.ServerId == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ServerId, (int?)null), ct);
        }

        var channels = await db.EmailChannels.CountAsync(c => c.ServerId == id, ct);
        var users = await db.Users.CountAsync(u => u.ServerId == id, ct);
        if (channels + users > 0)
        {
            return Change<SmtpServer>.Refused($"'{server.Name}' is still chosen by {channels} channels and {users} users. "
                + "Move them to the default server first (they will then follow the default), or choose another server for them.");
        }

        db.SmtpServers.Remove(server);
        await db.RemoveGrantAsync(GrantKey.ForServer(id), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("SMTP server {ServerId} '{Name}' deleted", server.Id, server.Name);
        return Change<SmtpServer>.Done(server);
    }

    /// <summary>Exactly one default at all times: the switch happens in one transaction.</summary>
    public async Task<Change<SmtpServer>> MakeDefaultAsync(int id, CancellationToken ct)
    {
        var server = await db.SmtpServers.FindAsync([id], ct);
        if (server is null)
        {
            return Change<SmtpServer>.NotFound("server");
        }

        if (server.IsDefault)
        {
            return Change<SmtpServer>.Done(server);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SmtpServers.Where(s => s.IsDefault)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsDefault, false).SetProperty(x => x.Version, Guid.NewGuid()), ct);
        server.IsDefault = true;
        server.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("SMTP server {ServerId} '{Name}' is now the default", server.Id, server.Name);
        return Change<SmtpServer>.Done(server);
    }

    /// <summary>Trusts exactly this certificate from now on (for a server with a self-signed certificate).</summary>
    public async Task<Change<SmtpServer>> PinCertificateAsync(int id, string sha256, CancellationToken ct)
    {
        var server = await db.SmtpServers.FindAsync([id], ct);
        if (server is null)
        {
            return Change<SmtpServer>.NotFound("server");
        }

        if (server.Kind == ServerKind.Internal)
        {
            return Change<SmtpServer>.Refused("The Internal server's certificate pin is set in configuration (Mail:Internal:PinnedCertificateSha256).");
        }

        var fingerprint = CertificateCheck.Normalize(sha256);
        if (fingerprint.Length != 64)
        {
            return Change<SmtpServer>.Invalid(new Dictionary<string, string[]>
            {
                [nameof(SmtpServer.PinnedCertificateSha256)] = ["A SHA-256 fingerprint has 64 hexadecimal digits."],
            });
        }

        server.PinnedCertificateSha256 = fingerprint;
        server.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await db.ReleaseForServerAsync(server.Id, time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation("SMTP server {ServerId} now trusts certificate {Sha256}", server.Id, fingerprint);
        return Change<SmtpServer>.Done(server);
    }

    /// <summary>Tests the server as its own account and keeps the result (and the advertised SIZE) as its last test.</summary>
    public async Task<ConnectionTestReport?> TestAsync(int id, string? recipient, CancellationToken ct)
    {
        var server = await db.SmtpServers.FindAsync([id], ct);
        if (server is null)
        {
            return null;
        }

        var report = await RunTestAsync(server, recipient, ct);
        await RecordTestAsync(id, TestOutcome.Of(report, time.GetUtcNow()), ct);
        return report;
    }

    /// <summary>Keeps a test's result (and the advertised SIZE) as the server's last test.</summary>
    public async Task RecordTestAsync(int id, TestOutcome outcome, CancellationToken ct)
    {
        // Recording the test must not count as an edit: another admin's open form stays valid.
        await db.SmtpServers.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LastTestAt, outcome.At)
            .SetProperty(x => x.LastTestSucceeded, outcome.Success)
            .SetProperty(x => x.LastTestCode, outcome.Code)
            .SetProperty(x => x.LastTestSummary, outcome.Summary)
            .SetProperty(x => x.AdvertisedMaxSize, x => outcome.MaxMessageSize ?? x.AdvertisedMaxSize), ct);
        routing.Invalidate();
    }

    /// <summary>
    /// Tests settings before they are saved (the add and edit forms): the values as given, with the stored password when the
    /// password is left empty. Nothing is stored; invalid settings are not tested.
    /// </summary>
    public async Task<(ConnectionTestReport? Report, Change<SmtpServer>? Refusal)> TestSettingsAsync(int? id, SmtpServerInput input, string? recipient,
        CancellationToken ct)
    {
        var stored = id is null ? null : await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (id is not null && stored is null)
        {
            return (null, Change<SmtpServer>.NotFound("server"));
        }

        if (stored is { Kind: ServerKind.Internal })
        {
            return (null, Change<SmtpServer>.Refused("The Internal server is configured by the system administrator (Mail:Internal); test it on its page."));
        }

        input.Id = id;
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return (null, invalid);
        }

        var candidate = new SmtpServer { Id = id ?? 0, Name = "", Host = "", SenderAddress = "", Kind = ServerKind.Custom, ProtectedPassword = stored?.ProtectedPassword };
        Apply(input, candidate);
        return (await RunTestAsync(candidate, recipient, ct), null);
    }

    /// <summary>With Mail:RequireTestBeforeSave, settings whose test fails are not saved; the refusal says why.</summary>
    private async Task<Change<SmtpServer>?> UntestedAsync(SmtpServer candidate, CancellationToken ct)
    {
        if (!rules.RequireTestBeforeSave || await RunTestAsync(candidate, null, ct) is not { Success: false, Diagnostic: { } failed })
        {
            return null;
        }

        return Change<SmtpServer>.Invalid(SaveRules.FailedTest, SaveRules.Refusal(failed));
    }

    private async Task<ConnectionTestReport> RunTestAsync(SmtpServer server, string? recipient, CancellationToken ct)
    {
        var message = string.IsNullOrWhiteSpace(recipient)
            ? null
            : new TestMessage(recipient.Trim(), server.SenderAddress, server.SenderName ?? server.Name, server.SenderAddress, null,
                $"the SMTP server '{server.Name}'");
        // With the app's own permission the server's login is its own address, the mailbox it sends as.
        var login = server.AuthMethod switch
        {
            SmtpAuthMethod.None => null,
            SmtpAuthMethod.OAuth2App => server.SenderAddress,
            _ => server.Username,
        };
        var signIn = await signIns.EndpointAsync(server, login, server.ProtectedPassword, GrantKey.ForServer(server.Id),
            ct);
        return await tester.TestAsync(signIn, message, ct);
    }

    private async Task<Change<SmtpServer>?> ValidateAsync(SmtpServerInput input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        return result.IsValid ? null : Change<SmtpServer>.Invalid(result.ToDictionary().AsReadOnly());
    }

    private void Apply(SmtpServerInput input, SmtpServer server)
    {
        server.Name = input.Name.Trim();
        server.Transport = input.Transport;
        server.Host = EmailAddresses.Stored(input.EffectiveHost);
        server.Port = input.EffectivePort;
        server.Security = input.Security;
        server.AuthMethod = input.AuthMethod;
        server.OAuthAppId = input.AuthMethod.UsesToken() ? input.OAuthAppId : null;
        server.FallbackServerId = input.FallbackServerId;
        server.CopyApiMailToSent = input.Transport.IsHttpApi() && input.CopyApiMailToSent;
        server.SignWithDkim = !input.Transport.IsHttpApi() && input.SignWithDkim;
        server.BounceAddress = input.Transport.IsHttpApi() || string.IsNullOrWhiteSpace(input.BounceAddress) ? null
            : EmailAddresses.Stored(input.BounceAddress);
        server.Verp = !input.Transport.IsHttpApi() && input.Verp;
        server.Username = string.IsNullOrWhiteSpace(input.Username) ? null : input.Username.Trim();
        server.SenderAddress = EmailAddresses.Stored(input.EffectiveSenderAddress!);
        server.SenderName = input.SenderName.TrimmedOrNull();
        server.ClientName = input.ClientName.TrimmedOrNull();
        server.Description = input.Description.TrimmedOrNull();
        server.SendAs = [.. input.SendAs.Select(EmailAddresses.Stored).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        server.TimeoutSeconds = input.TimeoutSeconds ?? SmtpServer.DefaultTimeoutSeconds;
        server.MaxMessagesPerSession = input.MaxMessagesPerSession;
        server.MaxMessagesPerMinute = input.MaxMessagesPerMinute;
        server.MaxConcurrentSessions = input.MaxConcurrentSessions;
        server.PinnedCertificateSha256 = string.IsNullOrWhiteSpace(input.PinnedCertificateSha256) ? null : CertificateCheck.Normalize(input.PinnedCertificateSha256);
        if (!string.IsNullOrEmpty(input.Password))
        {
            server.ProtectedPassword = secrets.Protect(input.Password);
        }
        else if (input.ClearPassword || input.AuthMethod is SmtpAuthMethod.None || input.AuthMethod.UsesToken())
        {
            server.ProtectedPassword = null;
        }

        server.Version = Guid.NewGuid();
    }

}
