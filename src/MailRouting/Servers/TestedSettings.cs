using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailRouting.ConnectionTests;
using Microsoft.AspNetCore.DataProtection;

namespace MailRouting.Servers;

/// <summary>What a test of settings before saving found, and when.</summary>
public sealed record TestOutcome(DateTimeOffset At, bool Success, string? Code, string Summary, long? MaxMessageSize)
{
    public static TestOutcome Of(ConnectionTestReport report, DateTimeOffset at) =>
        new(at, report.Success, report.Diagnostic?.Code.ToString(), report.Summary, report.MaxMessageSize);
}

/// <summary>
/// Carries the result of testing a form's settings to their save, so the saved server keeps it as its last test instead
/// of reading "Never tested". The result is sealed with data protection (the browser can neither read nor forge it),
/// bound to the settings tested (a hash, the password's included) and good for <see cref="Lifetime"/>.
/// </summary>
public sealed class TestedSettings(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector protector = protection.CreateProtector("MailRouting.Servers.TestedSettings");

    private sealed record Sealed(string Settings, TestOutcome Outcome);

    public string Seal(int? id, SmtpServerInput input, ConnectionTestReport report) =>
        protector.Protect(JsonSerializer.Serialize(new Sealed(Fingerprint(id, input), TestOutcome.Of(report, time.GetUtcNow()))));

    /// <returns>The outcome when <paramref name="token"/> sealed a test of exactly these settings within its lifetime; otherwise null.</returns>
    public TestOutcome? Open(string? token, int? id, SmtpServerInput input)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var opened = JsonSerializer.Deserialize<Sealed>(protector.Unprotect(token));
            return opened is not null && opened.Settings == Fingerprint(id, input) && time.GetUtcNow() - opened.Outcome.At <= Lifetime ? opened.Outcome : null;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Everything a connection test depends on; an empty password means the stored one.</summary>
    private static string Fingerprint(int? id, SmtpServerInput input)
    {
        var settings = string.Join('\n', id, input.Host.Trim().ToLowerInvariant(), input.EffectivePort, input.Security, input.AuthMethod, input.OAuthAppId,
            input.Username?.Trim(), input.Password, input.ClearPassword, input.EffectiveSenderAddress?.Trim(), input.ClientName?.Trim(), input.TimeoutSeconds,
            input.PinnedCertificateSha256?.Trim());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings)));
    }
}
