using MailRouting.Diagnostics;

namespace MailRouting.OAuth;

/// <summary>An access token to sign in with and until when it is valid, or why there is none.</summary>
/// <param name="Refreshed">Obtained from the provider just now, rather than the token kept from before.</param>
public sealed record AccessTokenResult(string? Token, DateTime? ExpiresAt, bool Refreshed, Diagnostic? Failure)
{
    public static AccessTokenResult Of(string token, DateTime expiresAt, bool refreshed) => new(token, expiresAt, refreshed, null);

    public static AccessTokenResult Failed(DiagnosticCode code, string message, string fix) => new(null, null, false, new Diagnostic(code, message, fix));

    /// <summary>What a connection test shows: when the token expires, never the token.</summary>
    public string Describe() => Failure?.Message ?? $"{(Refreshed ? "Refreshed an access token" : "Used the stored access token")}; valid until {ExpiresAt:yyyy-MM-dd HH:mm} UTC.";
}
