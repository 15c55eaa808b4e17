using MailRouting.ConnectionTests;
using MailRouting.Data;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Users;

/// <summary>
/// Limits the sign-ins a user can make the app try from their Profile, so a password cannot be guessed through it: at
/// most <see cref="PerWindow"/> in <see cref="Window"/> per user and per login at a server, counted over every instance.
/// Every attempt is recorded; refusals are shown to admins.
/// </summary>
public sealed class ProfileSignIns(MailRoutingDbContext db, TimeProvider time, ILogger<ProfileSignIns> logger)
{
    public const int PerWindow = 5;

    /// <summary>Refused sign-ins in a day from which the home page tells admins.</summary>
    public const int RefusalsToReport = 3;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>Names a sign-in's target the same way for every user, so the limit per login holds whoever tries.</summary>
    public static string Target(string protocol, string host, int port, string? login) =>
        $"{protocol} {EmailAddresses.Host(host)}:{port} {EmailAddresses.Canonical(login ?? "")}";

    /// <summary>Runs <paramref name="signIn"/> unless the user or the login is at its limit, and records how it went.</summary>
    /// <returns>The sign-in's report, or why it was not tried ("try again after …").</returns>
    public async Task<(ConnectionTestReport? Report, string? Refusal)> TryAsync(string userId, string target, Func<Task<ConnectionTestReport>> signIn,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await LimitedUntilAsync(userId, target, now, ct) is { } until)
        {
            logger.LogWarning("User {UserId} reached the limit of Profile sign-ins ({Target})", userId, target);
            return (null, $"Too many sign-in attempts: at most {PerWindow} in {Window.TotalMinutes:0} minutes. Try again after {until:HH:mm} UTC.");
        }

        var report = await signIn();
        await db.ProfileSignIns.Where(s => s.At < now - Kept).ExecuteDeleteAsync(ct);
        db.ProfileSignIns.Add(new ProfileSignIn { UserId = userId, Target = target, At = now, Succeeded = !report.SignInRefused });
        await db.SaveChangesAsync(ct);
        if (report.SignInRefused)
        {
            logger.LogWarning("The server refused a Profile sign-in of user {UserId} ({Target})", userId, target);
        }

        return (report, null);
    }

    /// <summary>Users with at least <see cref="RefusalsToReport"/> refused sign-ins in the last day, most refused first.</summary>
    public async Task<IReadOnlyList<RefusedSignIns>> RepeatedlyRefusedAsync(CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - Kept;
        var refused = await db.ProfileSignIns.AsNoTracking().Where(s => !s.Succeeded && s.At > since)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.UserId, u.Email, s.At, s.Target }).ToListAsync(ct);
        return [.. refused.GroupBy(s => (s.UserId, s.Email)).Where(g => g.Count() >= RefusalsToReport)
            .Select(g =>
            {
                var last = g.MaxBy(s => s.At)!;
                return new RefusedSignIns(g.Key.UserId, g.Key.Email ?? "", g.Count(), last.At, last.Target);
            })
            .OrderByDescending(r => r.Refused)];
    }

    private async Task<DateTime?> LimitedUntilAsync(string userId, string target, DateTime now, CancellationToken ct)
    {
        var since = now - Window;
        var recent = await db.ProfileSignIns.AsNoTracking().Where(s => s.At > since && (s.UserId == userId || s.Target == target))
            .Select(s => new { s.UserId, s.Target, s.At }).ToListAsync(ct);
        var limits = new[] { recent.Where(s => s.UserId == userId), recent.Where(s => s.Target == target) }
            .Select(attempts => attempts.Select(s => s.At).OrderDescending().ToList())
            .Where(times => times.Count >= PerWindow)
            .Select(times => times[PerWindow - 1] + Window)
            .ToList();
        return limits.Count == 0 ? null : limits.Max();
    }
}
