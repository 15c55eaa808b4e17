using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Signatures;

public sealed record SignatureInput(string? Html, string? Text);

/// <summary>A signature as pages and the API show it: the HTML already cleaned, and whether one is set at all.</summary>
/// <param name="Removed">When it was just saved: what cleaning took out of the HTML.</param>
public sealed record SignatureView(string? Html, string? Text, IReadOnlyList<string>? Removed = null)
{
    public bool IsSet => !string.IsNullOrWhiteSpace(Html) || !string.IsNullOrWhiteSpace(Text);

    /// <summary>A sentence for the page that saved it, empty when nothing was taken out.</summary>
    public string RemovedNote => Removed is { Count: > 0 } removed
        ? $" Removed from the HTML, since a signature may not carry it: {string.Join(", ", removed)}."
        : "";
}

/// <summary>Keeps the central and the channels' signatures, and finds the one a message carries.</summary>
public sealed class SignatureService(MailRoutingDbContext db, ILogger<SignatureService> logger)
{
    public const int MaxLength = 20_000;

    /// <summary>Filled signatures of this request (a batch of 100 messages from one sender reads them once).</summary>
    private readonly Dictionary<(int? Channel, int? Project, string User), (string? Text, string? Html)?> filled = [];

    public async Task<SignatureView> GetAsync(SignatureScope scope, int? ownerId, CancellationToken ct) =>
        await db.Signatures.AsNoTracking().Where(s => s.Scope == scope && s.OwnerId == ownerId).Select(s => new SignatureView(s.Html, s.Text))
            .SingleOrDefaultAsync(ct) ?? new SignatureView(null, null);

    /// <summary>Saves the signature with its HTML cleaned; both parts empty removes it.</summary>
    public async Task<Change<SignatureView>> SaveAsync(SignatureScope scope, int? ownerId, SignatureInput input, CancellationToken ct)
    {
        if (input.Html?.Length > MaxLength || input.Text?.Length > MaxLength)
        {
            return Change<SignatureView>.Invalid(input.Html?.Length > MaxLength ? "html" : "text", $"A signature has at most {MaxLength:N0} characters.");
        }

        if ((scope == SignatureScope.Channel && !await db.EmailChannels.AnyAsync(c => c.Id == ownerId, ct))
            || (scope == SignatureScope.Project && !await db.Projects.AnyAsync(p => p.Id == ownerId, ct)))
        {
            return Change<SignatureView>.NotFound(scope == SignatureScope.Channel ? "channel" : "project");
        }

        var stored = await db.Signatures.SingleOrDefaultAsync(s => s.Scope == scope && s.OwnerId == ownerId, ct);
        var (html, removed) = string.IsNullOrWhiteSpace(input.Html) ? (null, []) : SignatureHtml.Clean(input.Html);
        var view = new SignatureView(html, string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim('\r', '\n'), removed);
        if (!view.IsSet)
        {
            if (stored is not null)
            {
                db.Signatures.Remove(stored);
            }
        }
        else
        {
            stored ??= db.Signatures.Add(new Signature { Scope = scope, OwnerId = ownerId }).Entity;
            (stored.Html, stored.Text) = (view.Html, view.Text);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Signature {Scope} {OwnerId} {Outcome}", scope, ownerId, view.IsSet ? "saved" : "removed");
        return Change<SignatureView>.Done(view);
    }

    /// <summary>
    /// The signature a message carries, filled in for the person sending: the most specific one set (xentral's rule): the
    /// channel's, then the project's, then the central one; null when none is.
    /// </summary>
    /// <param name="channelId">The channel the message is sent as; null when sent as a person.</param>
    /// <param name="projectId">The project the message is sent in, if any.</param>
    public async Task<(string? Text, string? Html)?> ForMessageAsync(int? channelId, int? projectId, string actorUserId, CancellationToken ct)
    {
        if (!filled.TryGetValue((channelId, projectId, actorUserId), out var signature))
        {
            signature = filled[(channelId, projectId, actorUserId)] = await FillAsync(channelId, projectId, actorUserId, ct);
        }

        return signature;
    }

    private async Task<(string? Text, string? Html)?> FillAsync(int? channelId, int? projectId, string actorUserId, CancellationToken ct)
    {
        var candidates = await db.Signatures.AsNoTracking()
            .Where(s => (s.Scope == SignatureScope.Channel && s.OwnerId == channelId) || (s.Scope == SignatureScope.Project && s.OwnerId == projectId)
                || s.Scope == SignatureScope.Central)
            .ToListAsync(ct);
        SignatureScope[] mostSpecificFirst = [SignatureScope.Channel, SignatureScope.Project, SignatureScope.Central];
        var signature = candidates.MinBy(s => Array.IndexOf(mostSpecificFirst, s.Scope));
        if (signature is null)
        {
            return null;
        }

        var person = await db.Users.AsNoTracking().Where(u => u.Id == actorUserId)
            .Select(u => new { u.DisplayName, u.Email, u.PhoneNumber, u.Mobile, u.Fax }).SingleAsync(ct);
        var channel = channelId is null ? null : await db.EmailChannels.AsNoTracking().Where(c => c.Id == channelId)
            .Select(c => string.IsNullOrEmpty(c.DisplayName) ? c.Name : c.DisplayName).SingleOrDefaultAsync(ct);
        var values = new SignatureValues(string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email! : person.DisplayName, person.Email!, person.PhoneNumber,
            person.Mobile, person.Fax, channel);
        return values.Fill(signature);
    }
}
