using System.Buffers.Text;
using System.Text.Json;

namespace MailRouting.OAuth;

/// <summary>
/// The account an ID token names. The token came straight from the provider's token endpoint over the connection this
/// app opened, so (OpenID Connect Core 3.1.3.7) its audience and expiry are checked, not its signature.
/// </summary>
public static class IdTokenAccount
{
    /// <returns>The email (Google, most providers) or preferred_username / upn (Microsoft work accounts); null if none or not for this client.</returns>
    public static string? Read(string? idToken, string clientId, DateTimeOffset now)
    {
        var parts = idToken?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (!ForClient(claims, clientId) || !Current(claims, now))
            {
                return null;
            }

            return new[] { "email", "preferred_username", "upn" }
                .Select(name => claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value) && value.Contains('@', StringComparison.Ordinal));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Not expired, allowing five minutes of clock difference.</summary>
    private static bool Current(JsonElement claims, DateTimeOffset now) =>
        claims.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) && DateTimeOffset.FromUnixTimeSeconds(seconds) > now.AddMinutes(-5);

    private static bool ForClient(JsonElement claims, string clientId) =>
        claims.TryGetProperty("aud", out var audience) && (audience.ValueKind == JsonValueKind.String
            ? audience.GetString() == clientId
            : audience.ValueKind == JsonValueKind.Array && audience.EnumerateArray().Any(a => a.GetString() == clientId));
}
